using System.Text.Json.Nodes;
using MockWebex.Delivery;

namespace MockWebex.Scenarios;

public sealed record StepResult(string Step, string Event, string EventId, string ActorId, JsonObject Data, IReadOnlyList<QueuedDelivery> Deliveries);
