namespace MockWebex.Common;

/// <summary>The /healthz answer of the emulator and the relay.</summary>
public sealed record HealthStatus(string Status)
{
    public static readonly HealthStatus Ok = new("ok");
}
