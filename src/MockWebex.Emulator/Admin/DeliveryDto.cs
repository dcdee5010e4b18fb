using MockWebex.Storage;

namespace MockWebex.Admin;

/// <param name="WebhookName">Null when the webhook was deleted since.</param>
/// <param name="Fault">What a trigger's delivery faults did to it ("duplicate", "delayed 3000 ms", "out of order"), else null.</param>
/// <param name="Signature">"valid" (the last attempt's X-Spark-Signature matches the body under the webhook's current secret), "unsigned", "mismatch" (the secret changed since) or null (not sent yet).</param>
public sealed record DeliveryDto(
    long Id, string WebhookId, string? WebhookName, string EventId, string Resource, string Event, string Status, string Created,
    long? RedeliveryOf, string Body, IReadOnlyList<AttemptRecord> Attempts, string? Signature, string? Fault = null);
