namespace MockWebex.Scenarios;

public sealed record Scenario(string Name, string Description, IReadOnlyList<ScenarioStep> Steps);
