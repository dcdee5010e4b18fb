using System.Text.Json.Nodes;

namespace MockWebex.Fixtures;

/// <summary>
/// fixtures/events/&lt;resource&gt;.&lt;event&gt;.json: a template of the event's `data` plus where its
/// shape comes from (a real capture, Cisco docs, or a REST-object proxy marked UNCERTAIN).
/// </summary>
public sealed record EventFixture(string Resource, string Event, string Description, string Source, JsonObject Data)
{
    public string Name => $"{Resource}.{Event}";

    public static EventFixture Load(string path) => Parse(Path.GetFileName(path), File.ReadAllText(path));

    /// <summary>Reads one fixture; the file name (&lt;resource&gt;.&lt;event&gt;.json) is the event's name.</summary>
    public static EventFixture Parse(string fileName, string json)
    {
        var name = Path.GetFileNameWithoutExtension(fileName);
        var dot = name.IndexOf('.');
        if (dot <= 0) throw new InvalidDataException($"Fixture {fileName}: file name must be <resource>.<event>.json");
        var root = JsonNode.Parse(json) as JsonObject ?? throw new InvalidDataException($"Fixture {fileName}: not a JSON object");
        var data = root["data"] as JsonObject ?? throw new InvalidDataException($"Fixture {fileName}: missing \"data\" object");
        return new EventFixture(name[..dot], name[(dot + 1)..],
            root["description"]?.GetValue<string>() ?? "",
            root["source"]?.GetValue<string>() ?? "",
            data);
    }
}
