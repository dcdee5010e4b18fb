using System.Text.Json.Serialization;

namespace MockWebex.Common;

/// <summary>The /healthz body of the emulator and the relay: {"status":"ok"}, or "unhealthy" with the reason when one is known.</summary>
public sealed record HealthAnswer(string Status, [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Reason = null)
{
    public static readonly HealthAnswer Ok = new("ok");

    public static HealthAnswer Unhealthy(string? reason) => new("unhealthy", reason);
}
