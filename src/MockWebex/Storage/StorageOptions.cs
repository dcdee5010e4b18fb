using System.ComponentModel.DataAnnotations;

namespace MockWebex.Storage;

public sealed class StorageOptions
{
    public const string Section = "Storage";

    /// <summary>LiteDB file; ":memory:" keeps everything in memory (lost on exit).</summary>
    [Required]
    public string Path { get; set; } = "mockwebex.db";
}
