using System.Text.Json.Nodes;
using MockWebex.Storage;

namespace MockWebex.Admin;

/// <summary>POST /_emulator/events body.</summary>
public sealed record TriggerRequest(string? Resource, string? Event, JsonObject? Data, string? Actor, int? Count, int? Seed, List<string>? VisibleTo, JsonObject? Details = null);

public sealed record TriggeredEvent(string Id, string Resource, string Event, string ActorId, JsonObject Data, IReadOnlyList<TriggeredDelivery> Deliveries);

public sealed record TriggeredDelivery(string WebhookId, long DeliveryId);

public sealed record TriggerResponse(IReadOnlyList<TriggeredEvent> Events, IReadOnlyList<string> Warnings);

/// <param name="WebhookName">Null when the webhook was deleted since.</param>
/// <param name="Signature">"valid" (the last attempt's X-Spark-Signature matches the body under the webhook's current secret), "unsigned", "mismatch" (the secret changed since) or null (not sent yet).</param>
public sealed record DeliveryDto(
    long Id, string WebhookId, string? WebhookName, string EventId, string Resource, string Event, string Status, string Created,
    long? RedeliveryOf, string Body, IReadOnlyList<AttemptRecord> Attempts, string? Signature);

/// <param name="FailureThreshold">Failed deliveries within <paramref name="FailureWindow"/> that make the webhook inactive.</param>
/// <param name="ProbationUntil">Set while one more failure disables it again (reactivated soon after being disabled).</param>
public sealed record AdminWebhookDto(MockWebex.Webhooks.WebhookDto Webhook, bool HasSecret, int RecentFailures, DateTimeOffset? DisabledAt,
    int FailureThreshold, TimeSpan FailureWindow, DateTimeOffset? ProbationUntil);

/// <summary>POST /_emulator/deliveries/{id}/redeliver body (optional): send these bytes instead of the original's.</summary>
public sealed record RedeliverRequest(string? Body);

public sealed record ScenarioStepDto(string Name, string Event);

public sealed record ScenarioDto(string Name, string Description, IReadOnlyList<ScenarioStepDto> Steps);

public sealed record FixtureDto(string Name, string Resource, string Event, string Description, string Source, JsonObject Data);

public static class AdminMapping
{
    public static DeliveryDto ToDto(this DeliveryRecord d, WebhookRecord? webhook) =>
        new(d.Id, d.WebhookId, webhook?.Name, d.EventId, d.Resource, d.Event, d.Status, d.Created, d.RedeliveryOf, d.Body, d.Attempts, SignatureCheck(d, webhook));

    private static string? SignatureCheck(DeliveryRecord d, WebhookRecord? webhook)
    {
        if (d.Attempts.Count == 0) return null;
        if (!d.Attempts[^1].RequestHeaders.TryGetValue(MockWebex.Delivery.WebhookSigner.Header, out var sent)) return "unsigned";
        if (webhook?.Secret is not { Length: > 0 } secret) return "mismatch";
        var expected = MockWebex.Delivery.WebhookSigner.Sign(secret, System.Text.Encoding.UTF8.GetBytes(d.Body));
        return string.Equals(sent, expected, StringComparison.OrdinalIgnoreCase) ? "valid" : "mismatch";
    }
}
