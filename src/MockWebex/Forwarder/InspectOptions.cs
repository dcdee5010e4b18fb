namespace MockWebex.Forwarder;

/// <summary>What `forward` and `listen` do with each delivery besides relaying it.</summary>
public sealed record InspectOptions(string ForwardTo, string? Secret = null, bool RejectBadSignatures = false, string? RecordPath = null, bool Quiet = false);
