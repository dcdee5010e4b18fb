namespace MockWebex.Tunnel;

/// <summary>A delivery the relay kept while its channel had no client: enough to send it again byte for byte.</summary>
public sealed record QueuedRequest(DateTimeOffset Received, string Method, string Target, Dictionary<string, string[]> Headers, byte[] Body);
