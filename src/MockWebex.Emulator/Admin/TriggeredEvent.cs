using System.Text.Json.Nodes;

namespace MockWebex.Admin;

public sealed record TriggeredEvent(string Id, string Resource, string Event, string ActorId, JsonObject Data, IReadOnlyList<TriggeredDelivery> Deliveries);
