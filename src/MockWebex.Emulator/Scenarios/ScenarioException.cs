namespace MockWebex.Scenarios;

public sealed class ScenarioException(string message) : Exception(message);
