using Microsoft.Extensions.FileProviders;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using MockWebex.Delivery;
using MockWebex.Events;
using MockWebex.Fixtures;

namespace MockWebex.Scenarios;

public sealed record StepResult(string Step, string Event, string EventId, string ActorId, JsonObject Data, IReadOnlyList<QueuedDelivery> Deliveries);
