using System.Text.Json.Nodes;

namespace MockWebex.Scenarios;

/// <summary>One step: an event, overrides (which may refer to earlier steps), who acts, and a pause before it.</summary>
public sealed record ScenarioStep(string Name, string Event, JsonObject? Data, string? Actor, int DelayMs);
