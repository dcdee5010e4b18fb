namespace MockWebex.Admin;

/// <summary>POST /_emulator/deliveries/{id}/redeliver body (optional): send these bytes instead of the original's.</summary>
public sealed record RedeliverRequest(string? Body);
