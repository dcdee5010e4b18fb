namespace MockWebex.Common;

/// <summary>The /healthz body of the emulator and the relay: {"status":"ok"}.</summary>
public sealed record HealthAnswer(string Status)
{
    public static readonly HealthAnswer Ok = new("ok");
    public static readonly HealthAnswer Unhealthy = new("unhealthy");
}
