namespace MockWebex.Events;

public sealed class EventsOptions
{
    public const string Section = "Events";

    /// <summary>Run seed for generated payloads: the Nth event of a run is the same in every run. Null = random. A trigger's own seed wins.</summary>
    public int? Seed { get; set; }

    /// <summary>Folder with events/ and scenarios/; default ./fixtures, else the copy next to the binary.</summary>
    public string? FixturesPath { get; set; }

    /// <summary>Most events one trigger call may produce.</summary>
    public int MaxCount { get; set; } = 10_000;

    /// <summary>Create the rooms, people and messages a triggered event mentions, so receivers can fetch them. Off = deliveries only.</summary>
    public bool CreateResources { get; set; } = true;
}
