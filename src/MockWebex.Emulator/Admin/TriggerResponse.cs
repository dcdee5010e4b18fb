using System.Text.Json.Nodes;
using MockWebex.Storage;

namespace MockWebex.Admin;

public sealed record TriggerResponse(IReadOnlyList<TriggeredEvent> Events, IReadOnlyList<string> Warnings);
