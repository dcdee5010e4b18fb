using System.ComponentModel.DataAnnotations;

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

    /// <summary>Most bytes one trigger call may generate (count × data and details); 413 beyond it.</summary>
    public long MaxGeneratedBytes { get; set; } = 64L * 1024 * 1024;

    /// <summary>
    /// How many made-up people act in triggers that name no actor. They recur, as the people of an org do, and
    /// each is stored once: a new person per event grew the people table by one row per trigger.
    /// </summary>
    [Range(1, 100_000)]
    public int GeneratedActors { get; set; } = 100;

    /// <summary>Create the rooms, people and messages a triggered event mentions, so receivers can fetch them. Off = deliveries only.</summary>
    public bool CreateResources { get; set; } = true;
}
