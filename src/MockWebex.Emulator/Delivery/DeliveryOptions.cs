using System.ComponentModel.DataAnnotations;

namespace MockWebex.Delivery;

public sealed class DeliveryOptions
{
    public const string Section = "Delivery";

    /// <summary>How long a receiver may take before the attempt counts as failed (Webex's is undocumented).</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Failed attempts inside <see cref="FailureWindow"/> that disable a webhook (Webex: 100 in 5 minutes).</summary>
    [Range(1, int.MaxValue)]
    public int FailureThreshold { get; set; } = 100;

    public TimeSpan FailureWindow { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Extra attempts after a failure. Webex documents none, so the default is 0.</summary>
    [Range(0, 20)]
    public int MaxRetries { get; set; }

    /// <summary>First retry delay; doubles on each further retry.</summary>
    public TimeSpan RetryBackoff { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How many deliveries the log keeps; older finished ones are pruned.</summary>
    [Range(10, 10_000_000)]
    public int LogRetention { get; set; } = 10_000;

    /// <summary>Pending deliveries older than this are dropped from the outbox (a receiver that never answers must not grow it forever).</summary>
    public TimeSpan PendingMaxAge { get; set; } = TimeSpan.FromHours(1);

    /// <summary>
    /// A webhook's delivery lane (its queue and sender loop) is removed after this long without a delivery, so lanes
    /// do not pile up for webhooks that were deleted or fell silent; the next delivery opens a new one.
    /// </summary>
    public TimeSpan LaneIdleTimeout { get; set; } = TimeSpan.FromSeconds(30);
}
