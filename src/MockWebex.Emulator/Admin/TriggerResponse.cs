namespace MockWebex.Admin;

/// <param name="Seed">The first event's seed; event i had seed + i. The same request with this seed makes the same events again.</param>
public sealed record TriggerResponse(int Seed, IReadOnlyList<TriggeredEvent> Events, IReadOnlyList<string> Warnings);
