namespace MockWebex.Admin;

/// <summary>GET /_emulator/deliveries/changes: the delivery log's version now.</summary>
public sealed record LogVersion(long Version);
