namespace MockWebex.Tunnel;

/// <summary>How `mockwebex relay` runs: where it listens, who may attach, what happens while nobody is attached.</summary>
public sealed record RelayOptions
{
    /// <summary>Interface to bind (0.0.0.0 = every interface: a relay is meant to be reachable).</summary>
    public string Host { get; init; } = "0.0.0.0";

    /// <summary>0 = a free port.</summary>
    public int Port { get; init; } = 8443;

    /// <summary>The one token every client presents (when <see cref="Tokens"/> is not set).</summary>
    public string? Token { get; init; }

    /// <summary>Token → channels it may hold ("*" = any, "team-*" = any starting with "team-"). Set from `--tokens FILE`.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>>? Tokens { get; init; }

    /// <summary>PEM certificate and key: the relay serves HTTPS itself.</summary>
    public string? CertificatePath { get; init; }
    public string? KeyPath { get; init; }

    /// <summary>Let several clients hold one channel (deliveries are spread over them). Off: a second client is refused.</summary>
    public bool AllowSharing { get; init; }

    /// <summary>Answer 200 and keep deliveries on disk while no client is attached, instead of 503.</summary>
    public bool QueueWhenOffline { get; init; }
    public string QueueDirectory { get; init; } = "relay-queue";

    /// <summary>Deliveries kept per channel; past it the relay answers 503 again (Webex counts a failure).</summary>
    public int QueueLimit { get; init; } = 1000;

    /// <summary>How long one delivery may take end to end before the relay answers 504.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>HTTP/2 PING through the tunnel this often; no answer within <see cref="PingTimeout"/> = the client is gone.</summary>
    public TimeSpan PingInterval { get; init; } = TimeSpan.FromSeconds(5);
    public TimeSpan PingTimeout { get; init; } = TimeSpan.FromSeconds(5);

    public bool UsesTls => CertificatePath is not null;

    /// <summary>Which channels a token may hold; null when the token is unknown.</summary>
    public IReadOnlyList<string>? ChannelsFor(string token)
    {
        if (Tokens is not null)
            return Tokens.FirstOrDefault(t => System.Security.Cryptography.CryptographicOperations.FixedTimeEquals(
                System.Text.Encoding.UTF8.GetBytes(t.Key), System.Text.Encoding.UTF8.GetBytes(token))).Value;
        return Token is not null && System.Security.Cryptography.CryptographicOperations.FixedTimeEquals(
            System.Text.Encoding.UTF8.GetBytes(token), System.Text.Encoding.UTF8.GetBytes(Token)) ? ["*"] : null;
    }
}
