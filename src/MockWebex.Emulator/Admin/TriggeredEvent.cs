using System.Text.Json.Nodes;
using MockWebex.Storage;

namespace MockWebex.Admin;

public sealed record TriggeredEvent(string Id, string Resource, string Event, string ActorId, JsonObject Data, IReadOnlyList<TriggeredDelivery> Deliveries);
