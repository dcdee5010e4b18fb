using Microsoft.Extensions.FileProviders;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using MockWebex.Delivery;
using MockWebex.Events;
using MockWebex.Fixtures;

namespace MockWebex.Scenarios;

public sealed record Scenario(string Name, string Description, IReadOnlyList<ScenarioStep> Steps);
