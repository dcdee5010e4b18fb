using System.ComponentModel.DataAnnotations;

namespace MockWebex.Delivery;

/// <summary>Delivery settings; a duration of zero or less where a timer or a wait needs one is refused at start.</summary>
public sealed class DeliveryOptions
{
    public const string Section = "Delivery";

    /// <summary>How long a receiver may take before the attempt counts as failed (Webex's is undocumented).</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "1.00:00:00", ParseLimitsInInvariantCulture = true, ConvertValueInInvariantCulture = true)]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Failed attempts inside <see cref="FailureWindow"/> that disable a webhook (Webex: 100 in 5 minutes).</summary>
    [Range(1, int.MaxValue)]
    public int FailureThreshold { get; set; } = 100;

    [Range(typeof(TimeSpan), "00:00:00.001", "365.00:00:00", ParseLimitsInInvariantCulture = true, ConvertValueInInvariantCulture = true)]
    public TimeSpan FailureWindow { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Extra attempts after a failure. Webex documents none, so the default is 0.</summary>
    [Range(0, 20)]
    public int MaxRetries { get; set; }

    /// <summary>First retry delay; doubles on each further retry.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00", ParseLimitsInInvariantCulture = true, ConvertValueInInvariantCulture = true)]
    public TimeSpan RetryBackoff { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How many deliveries the log keeps; older finished ones are pruned.</summary>
    [Range(10, 10_000_000)]
    public int LogRetention { get; set; } = 10_000;

    /// <summary>Pending deliveries older than this are dropped from the outbox (a receiver that never answers must not grow it forever).</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "3650.00:00:00", ParseLimitsInInvariantCulture = true, ConvertValueInInvariantCulture = true)]
    public TimeSpan PendingMaxAge { get; set; } = TimeSpan.FromHours(1);

    /// <summary>
    /// A webhook's delivery lane (its queue and sender loop) is removed after this long without a delivery, so lanes
    /// do not pile up for webhooks that were deleted or fell silent; the next delivery opens a new one.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "1.00:00:00", ParseLimitsInInvariantCulture = true, ConvertValueInInvariantCulture = true)]
    public TimeSpan LaneIdleTimeout { get; set; } = TimeSpan.FromSeconds(30);
}
