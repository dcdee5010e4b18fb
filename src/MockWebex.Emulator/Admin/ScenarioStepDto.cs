namespace MockWebex.Admin;

public sealed record ScenarioStepDto(string Name, string Event);
