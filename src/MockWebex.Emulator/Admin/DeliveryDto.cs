using MockWebex.Storage;

namespace MockWebex.Admin;

/// <param name="WebhookName">Null when the webhook was deleted since.</param>
/// <param name="Signature">"valid" (the last attempt's X-Spark-Signature matches the body under the webhook's current secret), "unsigned", "mismatch" (the secret changed since) or null (not sent yet).</param>
public sealed record DeliveryDto(
    long Id, string WebhookId, string? WebhookName, string EventId, string Resource, string Event, string Status, string Created,
    long? RedeliveryOf, string Body, IReadOnlyList<AttemptRecord> Attempts, string? Signature);
