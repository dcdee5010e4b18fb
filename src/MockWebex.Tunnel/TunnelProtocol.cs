using System.Net;

namespace MockWebex.Tunnel;

/// <summary>
/// What relay and client agree on. A client dials one WebSocket to /tunnel/{channel}; the relay speaks
/// HTTP/2 (prior knowledge, h2c) over it to the client's loopback ingress, so every concurrent delivery
/// is a stream of that one connection and PING frames find a dead or frozen client.
/// </summary>
public static class TunnelProtocol
{
    /// <summary>
    /// A message from the relay to the client, answered 204 by the client and never forwarded: "ping"
    /// (the tunnel works end to end), then "attached" (the relay now routes the channel's deliveries here).
    /// </summary>
    public const string PingHeader = "x-mockwebex-tunnel";
    public const string Ping = "ping";
    public const string Attached = "attached";

    /// <summary>A random id per client process: its own reconnect takes its channel over, another client is refused.</summary>
    public const string ClientIdHeader = "x-mockwebex-client";

    /// <summary>Concurrent deliveries one tunnel carries (HTTP/2 streams); more wait for a free stream.</summary>
    public const int MaxConcurrentDeliveries = 1000;

    public static readonly Version HttpVersion = System.Net.HttpVersion.Version20;

    /// <summary>What a refused attach means, for the client's one-line error.</summary>
    public static string? Refusal(HttpStatusCode status, string channel) => status switch
    {
        HttpStatusCode.Unauthorized => "the relay refused the token (401)",
        HttpStatusCode.Forbidden => $"the token may not hold channel '{channel}' (403)",
        HttpStatusCode.Conflict => $"channel '{channel}' is held by another client (409); stop it, pick another --channel, or start the relay with --allow-sharing",
        _ => null,
    };

    /// <summary>An absolute URI sent exactly as written: no dot-segment removal, no change to percent-encoding.</summary>
    public static Uri ExactUri(string uri)
    {
        // An authority alone ("http://host:3000" or "http://host?q") still needs the "/" a request line cannot do without.
        var authorityStart = uri.IndexOf("://", StringComparison.Ordinal) + 3;
        var pathStart = uri.IndexOfAny(['/', '?', '#'], authorityStart);
        if (pathStart < 0) uri += "/";
        else if (uri[pathStart] != '/') uri = uri.Insert(pathStart, "/");
        return new(uri, new UriCreationOptions { DangerousDisablePathAndQueryCanonicalization = true });
    }
}
