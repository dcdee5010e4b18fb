using System.Text.Json.Nodes;

namespace MockWebex.Events;

/// <summary>What to generate: one fixture, overrides deep-merged into its data, who did it, how many.</summary>
public sealed record EventRequest(
    string Resource,
    string Event,
    JsonObject? Overrides = null,
    string? Actor = null,
    int Count = 1,
    int? Seed = null,
    IReadOnlyCollection<string>? VisibleTo = null,
    JsonObject? Details = null);
