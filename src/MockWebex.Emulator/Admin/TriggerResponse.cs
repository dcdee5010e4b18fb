namespace MockWebex.Admin;

public sealed record TriggerResponse(IReadOnlyList<TriggeredEvent> Events, IReadOnlyList<string> Warnings);
