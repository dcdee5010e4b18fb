using Microsoft.Extensions.FileProviders;

namespace MockWebex.Fixtures;

/// <summary>
/// The fixtures folder (events/, scenarios/, identities.json), every event fixture loaded once.
/// A file that does not parse fails start-up loudly.
/// </summary>
public sealed class FixtureCatalog
{
    private readonly Dictionary<string, EventFixture> _fixtures;

    public FixtureCatalog(IFileProvider files, string location)
    {
        Files = files;
        Location = location;
        _fixtures = files.GetDirectoryContents("events")
            .Where(f => !f.IsDirectory && f.Name.EndsWith(".json", StringComparison.Ordinal))
            .Select(f => EventFixture.Parse(f.Name, ReadAllText(f)))
            .ToDictionary(f => f.Name, StringComparer.Ordinal);
    }

    /// <summary>The folder's files; read scenarios and identities through this, not the disk.</summary>
    public IFileProvider Files { get; }

    /// <summary>Where the fixtures come from, for people: a folder path or "built in".</summary>
    public string Location { get; }

    public IReadOnlyCollection<EventFixture> All => _fixtures.Values.OrderBy(f => f.Name, StringComparer.Ordinal).ToArray();

    public EventFixture? Find(string resource, string @event) => _fixtures.GetValueOrDefault($"{resource}.{@event}");

    public static FixtureCatalog FromFolder(string folder) => new(new PhysicalFileProvider(Path.GetFullPath(folder)), Path.GetFullPath(folder));

    /// <summary>
    /// The configured folder, else ./fixtures when it has events (so edits apply without a rebuild),
    /// else the fixtures built into this assembly.
    /// </summary>
    public static FixtureCatalog Default(string? configured)
    {
        var folder = new[] { configured, Path.Combine(Directory.GetCurrentDirectory(), "fixtures") }
            .FirstOrDefault(p => p is not null && Directory.Exists(Path.Combine(p, "events")));
        if (configured is not null && folder != configured)
            throw new DirectoryNotFoundException($"Events:FixturesPath '{configured}' has no events/ folder.");
        return folder is null ? new FixtureCatalog(EmbeddedFiles.Fixtures, "built in") : FromFolder(folder);
    }

    public static string ReadAllText(IFileInfo file)
    {
        using var reader = new StreamReader(file.CreateReadStream());
        return reader.ReadToEnd();
    }
}
