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
}
