using System.Text.Json.Nodes;

namespace MockWebex.Admin;

public sealed record FixtureDto(string Name, string Resource, string Event, string Description, string Source, JsonObject Data);
