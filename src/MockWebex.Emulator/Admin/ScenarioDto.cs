namespace MockWebex.Admin;

public sealed record ScenarioDto(string Name, string Description, IReadOnlyList<ScenarioStepDto> Steps);
