using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using MockWebex.Common;

namespace MockWebex.Tunnel;

/// <summary>
/// Turns a captured real delivery into a fixture: its `data` becomes the template, and every value that
/// could be personal or instance-specific becomes a generator, so the fixture produces fresh values and
/// keeps nothing of the capture but its shape and its enum-like values (types, statuses, booleans).
/// Free text (titles, message text, card inputs), emails, names, phone and meeting numbers, web links
/// and site URLs, Webex ids, UUIDs and timestamps are all replaced. The actor's fields use the actor's
/// generators, so the person a delivery names is the one a GET returns.
/// </summary>
public static partial class CaptureToFixture
{
    [GeneratedRegex(@"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$")]
    private static partial Regex Uuid();

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}")]
    private static partial Regex Timestamp();

    /// <summary>What an enum-like value looks like: one lowerCamel/UPPER/kebab word such as "group", "active", "adaptiveCard".</summary>
    [GeneratedRegex(@"^[a-z][a-zA-Z]{0,23}$|^[A-Z][A-Z_]{0,23}$|^[a-z]+(-[a-z]+){1,3}$")]
    private static partial Regex EnumLike();

    [GeneratedRegex(@"\d")]
    private static partial Regex Digit();

    public static (string Name, JsonObject Fixture) Convert(CapturedDelivery captured)
    {
        var envelope = (captured.Body is null ? null : JsonNode.Parse(captured.Body)) as JsonObject
            ?? throw new InvalidDataException("captured body is not a JSON object");
        var resource = envelope["resource"]?.ToString() ?? throw new InvalidDataException("captured body has no resource");
        var @event = envelope["event"]?.ToString() ?? throw new InvalidDataException("captured body has no event");
        var data = envelope["data"] as JsonObject ?? throw new InvalidDataException("captured body has no data object");
        var actorId = envelope["actorId"]?.ToString();
        var fixture = new JsonObject
        {
            ["description"] = $"{resource}.{@event} captured {captured.Time:yyyy-MM-dd}; personal values replaced by generators.",
            ["source"] = $"real delivery captured by mockwebex --record on {captured.Time:yyyy-MM-dd}",
            ["data"] = (JsonObject)Anonymize(data, "", actorId, freeText: false)!,
        };
        return ($"{resource}.{@event}", fixture);
    }

    private static JsonNode? Anonymize(JsonNode? node, string key, string? actorId, bool freeText) => node switch
    {
        JsonObject obj => AnonymizeObject(obj, actorId, freeText || IsFreeTextContainer(key)),
        JsonArray array => new JsonArray(array.Select(i => Anonymize(i, key, actorId, freeText)).ToArray()),
        JsonValue value when value.GetValueKind() == JsonValueKind.String => JsonValue.Create(Token(key, value.GetValue<string>(), actorId, freeText)),
        // Numbers in card inputs are what the user typed; elsewhere they are counts and sizes.
        JsonValue value when freeText && value.GetValueKind() == JsonValueKind.Number => JsonValue.Create("{{webex.int(0,100)}}"),
        _ => node?.DeepClone(),
    };

    private static JsonObject AnonymizeObject(JsonObject obj, string? actorId, bool freeText)
    {
        // personEmail, personDisplayName and personOrgId of the actor are the actor's, not some other person's.
        var isActor = actorId is not null && (obj["personId"]?.ToString() == actorId || obj["id"]?.ToString() == actorId);
        return new JsonObject(obj.Select(p => KeyValuePair.Create(p.Key,
            isActor && ActorToken(p.Key) is { } actorToken ? JsonValue.Create(actorToken) : Anonymize(p.Value, p.Key, actorId, freeText))));
    }

    private static string? ActorToken(string key) => key switch
    {
        "personEmail" or "email" => "{{actor.email}}",
        "personDisplayName" or "displayName" => "{{actor.displayName}}",
        "personOrgId" or "orgId" => "{{actor.orgId}}",
        _ => null,
    };

    /// <summary>Objects whose every value is what a person typed (a card's inputs).</summary>
    private static bool IsFreeTextContainer(string key) => key is "inputs";

    private static string Token(string key, string value, string? actorId, bool freeText)
    {
        if (value.Length == 0) return value;
        if (value == actorId) return "{{actor.id}}";
        if (WebexIds.TryDecode(value) is { } id) return $"{{{{webex.id({id.Type})}}}}";
        if (Uuid().IsMatch(value)) return "{{webex.uuid}}";
        if (Timestamp().IsMatch(value)) return "{{webex.now}}";
        if (freeText) return "{{lorem.word}}";
        var k = key.ToLowerInvariant();
        if (k.Contains("email") || value.Contains('@')) return "{{internet.email}}";
        if (k.Contains("displayname") || k is "name" or "firstname" or "lastname" or "nickname") return "{{name.fullName}}";
        if (k.Contains("siteurl")) return "{{webex.siteUrl}}";
        if (k.Contains("phone") || k.Contains("sip") || k.Contains("dial")) return "{{webex.phone}}";
        if (k.Contains("link") || k.Contains("url") || k.Contains("uri") || value.StartsWith("http", StringComparison.OrdinalIgnoreCase) || value.Contains("://"))
            return "https://{{webex.siteUrl}}/{{webex.hex(16)}}";
        if (k.Contains("number") || k.Contains("pin") || k.Contains("password") || k.Contains("code") || k.Contains("key"))
            return $"{{{{webex.digits({Math.Max(4, Digit().Count(value))})}}}}";
        if (k.Contains("title") || k.Contains("text") || k.Contains("markdown") || k.Contains("html") || k.Contains("subject")
            || k.Contains("agenda") || k.Contains("description") || k.Contains("comment") || k.Contains("message"))
            return "{{lorem.sentence}}";
        // Left: short enum-like words (room types, statuses); anything else might be personal.
        if (EnumLike().IsMatch(value)) return value;
        return Digit().IsMatch(value) && !value.Any(char.IsLetter) ? $"{{{{webex.digits({Digit().Count(value)})}}}}" : "{{lorem.word}}";
    }
}
