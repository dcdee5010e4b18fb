namespace MockWebex.Tunnel;

/// <summary>How `mockwebex listen` reaches its relay.</summary>
public sealed record TunnelClientOptions(string Relay, string Channel, string Token)
{
    /// <summary>PEM file of extra certificates to trust for the relay (a private CA or the relay's self-signed certificate).</summary>
    public string? CaFile { get; init; }

    /// <summary>WebSocket pings to the relay; no answer within <see cref="PingTimeout"/> = reconnect.</summary>
    public TimeSpan PingInterval { get; init; } = TimeSpan.FromSeconds(5);
    public TimeSpan PingTimeout { get; init; } = TimeSpan.FromSeconds(10);
}
