namespace MockWebex.Tunnel;

/// <summary>What `forward` and `listen` do with each delivery besides relaying it.</summary>
public sealed record InspectOptions(string ForwardTo, string? Secret = null, bool RejectBadSignatures = false, string? RecordPath = null, bool Quiet = false)
{
    /// <summary>How long the app may take before the delivery is answered 504.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Loopback port of the inspector page (0 = a free one, printed at start).</summary>
    public int InspectorPort { get; init; }
}
