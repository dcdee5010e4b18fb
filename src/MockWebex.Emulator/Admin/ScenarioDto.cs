using System.Text.Json.Nodes;
using MockWebex.Storage;

namespace MockWebex.Admin;

public sealed record ScenarioDto(string Name, string Description, IReadOnlyList<ScenarioStepDto> Steps);
