namespace MockWebex.Events;

public sealed class EventsOptions
{
    public const string Section = "Events";

    /// <summary>Base seed for generated payloads; set it to make every run produce the same data. Null = random.</summary>
    public int? Seed { get; set; }

    /// <summary>Folder with events/ and scenarios/; default ./fixtures, else the copy next to the binary.</summary>
    public string? FixturesPath { get; set; }

    /// <summary>Most events one trigger call may produce.</summary>
    public int MaxCount { get; set; } = 10_000;

    /// <summary>Create the rooms, people and messages a triggered event mentions, so receivers can fetch them. Off = deliveries only.</summary>
    public bool CreateResources { get; set; } = true;
}
