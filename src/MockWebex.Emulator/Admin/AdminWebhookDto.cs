namespace MockWebex.Admin;

/// <param name="FailureThreshold">Failed deliveries within <paramref name="FailureWindow"/> that make the webhook inactive.</param>
/// <param name="ProbationUntil">Set while one more failure disables it again (reactivated soon after being disabled).</param>
public sealed record AdminWebhookDto(MockWebex.Webhooks.WebhookDto Webhook, bool HasSecret, int RecentFailures, DateTimeOffset? DisabledAt,
    int FailureThreshold, TimeSpan FailureWindow, DateTimeOffset? ProbationUntil);
