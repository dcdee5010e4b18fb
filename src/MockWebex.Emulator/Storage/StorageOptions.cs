using System.ComponentModel.DataAnnotations;

namespace MockWebex.Storage;

public sealed class StorageOptions
{
    public const string Section = "Storage";

    /// <summary>LiteDB file; ":memory:" keeps everything in memory (lost on exit).</summary>
    [Required]
    public string Path { get; set; } = "mockwebex.db";

    /// <summary>fsync every commit (survives a power cut, ~20 ms per write). Off: commits reach the OS, which survives a crash of the emulator.</summary>
    public bool FlushToDisk { get; set; }

    /// <summary>
    /// How many of the newest resources on the shared counter (rooms, memberships, messages, people) are kept
    /// when triggers made them; older ones are deleted (with their rooms' contents) so a long run stays bounded.
    /// What API calls made is never pruned. 0 = keep everything.
    /// </summary>
    public long ResourceRetention { get; set; } = 100_000;

    /// <summary>
    /// How far LiteDB's write-ahead log (the data file's "-log" twin) grows, in 8 KiB pages, before a background thread
    /// copies it into the data file; the pages are also held in memory until then. A request that needs the store
    /// while a copy runs waits for it: 250 pages (2 MiB) halved the p99 of a triggered event's delivery against
    /// LiteDB's 1,000, with throughput unchanged (scripts/bench.sh, A/B). With <see cref="FlushToDisk"/> LiteDB keeps its
    /// own 1,000 pages, copied inside the commit that passes them.
    /// </summary>
    [Range(1, 1_000_000)]
    public int CheckpointPages { get; set; } = 250;

    /// <summary>How often retention runs.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "1.00:00:00", ParseLimitsInInvariantCulture = true, ConvertValueInInvariantCulture = true)]
    public TimeSpan PruneInterval { get; set; } = TimeSpan.FromSeconds(10);
}
