using System.Text.Json.Nodes;
using MockWebex.Storage;

namespace MockWebex.Admin;

/// <summary>POST /_emulator/events body.</summary>
public sealed record TriggerRequest(string? Resource, string? Event, JsonObject? Data, string? Actor, int? Count, int? Seed, List<string>? VisibleTo, JsonObject? Details = null);

public sealed record TriggeredEvent(string Id, string Resource, string Event, string ActorId, JsonObject Data, IReadOnlyList<TriggeredDelivery> Deliveries);

public sealed record TriggeredDelivery(string WebhookId, long DeliveryId);

public sealed record TriggerResponse(IReadOnlyList<TriggeredEvent> Events, IReadOnlyList<string> Warnings);

public sealed record DeliveryDto(
    long Id, string WebhookId, string EventId, string Resource, string Event, string Status, string Created,
    long? RedeliveryOf, string Body, IReadOnlyList<AttemptRecord> Attempts);

public sealed record AdminWebhookDto(MockWebex.Webhooks.WebhookDto Webhook, int RecentFailures, DateTimeOffset? DisabledAt);

public sealed record ScenarioStepDto(string Name, string Event);

public sealed record ScenarioDto(string Name, string Description, IReadOnlyList<ScenarioStepDto> Steps);

public sealed record FixtureDto(string Name, string Resource, string Event, string Description, string Source, JsonObject Data);

public static class AdminMapping
{
    public static DeliveryDto ToDto(this DeliveryRecord d) =>
        new(d.Id, d.WebhookId, d.EventId, d.Resource, d.Event, d.Status, d.Created, d.RedeliveryOf, d.Body, d.Attempts);
}
