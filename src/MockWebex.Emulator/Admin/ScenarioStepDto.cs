using System.Text.Json.Nodes;
using MockWebex.Storage;

namespace MockWebex.Admin;

public sealed record ScenarioStepDto(string Name, string Event);
