using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using MockWebex.Common;

namespace MockWebex.Forwarder;

/// <summary>
/// Turns a captured real delivery into a fixture: its `data` becomes the template, with personal and
/// instance-specific values (emails, names, Webex ids, UUIDs, timestamps, site URLs) replaced by
/// generator tokens, so the fixture produces fresh values and no captured personal data is kept.
/// </summary>
public static partial class CaptureToFixture
{
    [GeneratedRegex(@"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$")]
    private static partial Regex Uuid();

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}")]
    private static partial Regex Timestamp();

    public static (string Name, JsonObject Fixture) Convert(CapturedDelivery captured)
    {
        var envelope = JsonNode.Parse(captured.Body) as JsonObject ?? throw new InvalidDataException("captured body is not a JSON object");
        var resource = envelope["resource"]?.ToString() ?? throw new InvalidDataException("captured body has no resource");
        var @event = envelope["event"]?.ToString() ?? throw new InvalidDataException("captured body has no event");
        var data = envelope["data"] as JsonObject ?? throw new InvalidDataException("captured body has no data object");
        var actorId = envelope["actorId"]?.ToString();
        var fixture = new JsonObject
        {
            ["description"] = $"{resource}.{@event} captured {captured.Time:yyyy-MM-dd}; personal values replaced by generators.",
            ["source"] = $"real delivery captured by mockwebex --record on {captured.Time:yyyy-MM-dd}",
            ["data"] = (JsonObject)Anonymize(data, null, actorId)!,
        };
        return ($"{resource}.{@event}", fixture);
    }

    private static JsonNode? Anonymize(JsonNode? node, string? key, string? actorId) => node switch
    {
        JsonObject obj => new JsonObject(obj.Select(p => KeyValuePair.Create(p.Key, Anonymize(p.Value, p.Key, actorId)))),
        JsonArray array => new JsonArray(array.Select(i => Anonymize(i, key, actorId)).ToArray()),
        JsonValue value when value.GetValueKind() == JsonValueKind.String => JsonValue.Create(Token(key ?? "", value.GetValue<string>(), actorId)),
        _ => node?.DeepClone(),
    };

    private static string Token(string key, string value, string? actorId)
    {
        if (value == actorId) return "{{actor.id}}";
        if (key.Contains("email", StringComparison.OrdinalIgnoreCase) || value.Contains('@')) return "{{internet.email}}";
        if (key.Contains("DisplayName", StringComparison.OrdinalIgnoreCase) || key is "displayName" or "name") return "{{name.fullName}}";
        if (key.Equals("siteUrl", StringComparison.OrdinalIgnoreCase)) return "{{webex.siteUrl}}";
        if (WebexIds.TryDecode(value) is { } id) return $"{{{{webex.id({id.Type})}}}}";
        if (Uuid().IsMatch(value)) return "{{webex.uuid}}";
        if (Timestamp().IsMatch(value)) return "{{webex.now}}";
        return value;
    }
}
