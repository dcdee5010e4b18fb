using System.Text.Json.Nodes;

namespace MockWebex.Fixtures;

/// <summary>
/// fixtures/events/&lt;resource&gt;.&lt;event&gt;.json: a template of the event's `data` plus where its
/// shape comes from (a real capture, Cisco docs, or a REST-object proxy marked UNCERTAIN).
/// </summary>
public sealed record EventFixture(string Resource, string Event, string Description, string Source, JsonObject Data)
{
    public string Name => $"{Resource}.{Event}";
}

/// <summary>Loads every fixture once. File name = event name; a file that does not parse fails start-up loudly.</summary>
public sealed class FixtureCatalog
{
    private readonly Dictionary<string, EventFixture> _fixtures;

    public FixtureCatalog(string folder)
    {
        Folder = folder;
        _fixtures = Directory.Exists(folder)
            ? Directory.GetFiles(Path.Combine(folder, "events"), "*.json").Select(Load).ToDictionary(f => f.Name, StringComparer.Ordinal)
            : [];
    }

    public string Folder { get; }

    public IReadOnlyCollection<EventFixture> All => _fixtures.Values.OrderBy(f => f.Name, StringComparer.Ordinal).ToArray();

    public EventFixture? Find(string resource, string @event) => _fixtures.GetValueOrDefault($"{resource}.{@event}");

    /// <summary>The fixtures folder: ./fixtures if present (so edits apply without a rebuild), else the copy next to the binary.</summary>
    public static string DefaultFolder(string? configured) =>
        new[] { configured, Path.Combine(Directory.GetCurrentDirectory(), "fixtures"), Path.Combine(AppContext.BaseDirectory, "fixtures") }
            .First(p => p is not null && Directory.Exists(Path.Combine(p, "events")))!;

    public static EventFixture Load(string path)
    {
        var name = Path.GetFileNameWithoutExtension(path);
        var dot = name.IndexOf('.');
        if (dot <= 0) throw new InvalidDataException($"Fixture {path}: file name must be <resource>.<event>.json");
        var json = JsonNode.Parse(File.ReadAllText(path)) as JsonObject
            ?? throw new InvalidDataException($"Fixture {path}: not a JSON object");
        var data = json["data"] as JsonObject ?? throw new InvalidDataException($"Fixture {path}: missing \"data\" object");
        return new EventFixture(name[..dot], name[(dot + 1)..],
            json["description"]?.GetValue<string>() ?? "",
            json["source"]?.GetValue<string>() ?? "",
            data);
    }
}
