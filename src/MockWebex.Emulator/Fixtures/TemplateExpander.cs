using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Bogus;
using MockWebex.Auth;
using MockWebex.Common;

namespace MockWebex.Fixtures;

/// <summary>
/// Fills fixture templates. `{{name.firstName}}`-style tokens go to Bogus; `{{webex.*}}` are Webex
/// generators (typed ids, timestamps, picks); `{{actor.*}}` is the person who caused the event;
/// `{{data.field}}` refers to another field of the same event and is resolved after overrides, so
/// overriding `roomId` also changes a membership id built from it. A string that is one token keeps
/// the generator's type (`{{webex.bool}}` gives true/false, not "true").
/// </summary>
public sealed partial class TemplateExpander(Faker faker, Identity actor, DateTimeOffset now)
{
    [GeneratedRegex(@"\{\{\s*([A-Za-z_][\w.]*)\s*(?:\(([^)]*)\))?\s*\}\}")]
    private static partial Regex Token();

    /// <summary>First pass: everything except references to the event's own data.</summary>
    public JsonObject Generate(JsonObject template) => (JsonObject)Expand(template, data: null)!;

    /// <summary>Second pass: resolves `{{data.x}}` and generators that depend on other fields.</summary>
    public JsonObject ResolveReferences(JsonObject data) => (JsonObject)Expand(data, data)!;

    private JsonNode? Expand(JsonNode? node, JsonObject? data) => node switch
    {
        JsonObject obj => new JsonObject(obj.Select(p => KeyValuePair.Create(p.Key, Expand(p.Value, data)))),
        JsonArray array => new JsonArray(array.Select(i => Expand(i, data)).ToArray()),
        JsonValue value when value.TryGetValue(out string? text) && text.Contains("{{", StringComparison.Ordinal) => ExpandString(text, data),
        _ => node?.DeepClone(),
    };

    private JsonNode? ExpandString(string text, JsonObject? data)
    {
        var matches = Token().Matches(text);
        if (matches.Count == 1 && matches[0].Length == text.Length)
            return Evaluate(matches[0].Groups[1].Value, Args(matches[0]), data) ?? JsonValue.Create(text);
        var result = Token().Replace(text, m => Evaluate(m.Groups[1].Value, Args(m), data) is { } v ? Plain(v) : m.Value);
        return JsonValue.Create(result);
    }

    private static string[] Args(Match m) =>
        m.Groups[2].Success ? m.Groups[2].Value.Split(',', StringSplitOptions.TrimEntries) : [];

    private static string Plain(JsonNode node) => node is JsonValue v && v.TryGetValue(out string? s) ? s : node.ToJsonString();

    /// <summary>Evaluates one token; null leaves it for the next pass (or unknown data references as written).</summary>
    private JsonNode? Evaluate(string name, string[] args, JsonObject? data)
    {
        if (name.StartsWith("data.", StringComparison.Ordinal))
            return data is null ? null : data[name[5..]]?.DeepClone();
        if (name == "webex.membershipId")
            return data is null ? null : WebexIds.MembershipId(Text(data["personId"]), Text(data["roomId"]));
        return name switch
        {
            "webex.id" => WebexIds.Encode(Arg(args, 0, "PEOPLE"), faker.Random.Guid().ToString()),
            "webex.uuid" => faker.Random.Guid().ToString(),
            "webex.now" => WebexTime.Format(now),
            "webex.past" => WebexTime.Format(now.AddSeconds(-faker.Random.Int(1, int.Parse(Arg(args, 0, "3600"), CultureInfo.InvariantCulture)))),
            "webex.future" => WebexTime.Format(now.AddSeconds(faker.Random.Int(1, int.Parse(Arg(args, 0, "3600"), CultureInfo.InvariantCulture)))),
            "webex.pick" => faker.PickRandom(args),
            "webex.bool" => JsonValue.Create(faker.Random.Bool()),
            "webex.int" => JsonValue.Create(faker.Random.Int(int.Parse(Arg(args, 0, "0"), CultureInfo.InvariantCulture), int.Parse(Arg(args, 1, "100"), CultureInfo.InvariantCulture))),
            "webex.digits" => faker.Random.ReplaceNumbers(new string('#', int.Parse(Arg(args, 0, "10"), CultureInfo.InvariantCulture))),
            "webex.hex" => faker.Random.Hexadecimal(int.Parse(Arg(args, 0, "32"), CultureInfo.InvariantCulture), prefix: ""),
            "webex.phone" => "+1" + faker.Random.ReplaceNumbers("##########"),
            "webex.siteUrl" => faker.Internet.DomainWord() + ".webex.com",
            "webex.callId" => WebexIds.Encode("CALL", $"callhalf-{faker.Random.Int(100000, 999999)}:0"),
            "actor.id" => actor.PersonId,
            "actor.email" => actor.Email,
            "actor.displayName" => actor.DisplayName,
            "actor.orgId" => actor.OrgId,
            _ when name.StartsWith("webex.", StringComparison.Ordinal) || name.StartsWith("actor.", StringComparison.Ordinal)
                => throw new TemplateException($"unknown generator {{{{{name}}}}}"),
            _ => Bogus(name, args),
        };
    }

    private JsonNode Bogus(string name, string[] args)
    {
        try
        {
            return faker.Parse(args.Length == 0 ? $"{{{{{name}}}}}" : $"{{{{{name}({string.Join(",", args)})}}}}");
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or NullReferenceException or FormatException)
        {
            throw new TemplateException($"unknown Bogus token {{{{{name}}}}}: {e.Message}");
        }
    }

    private static string Text(JsonNode? node) => node is JsonValue v && v.TryGetValue(out string? s) ? s : "";

    private static string Arg(string[] args, int index, string fallback) => index < args.Length && args[index].Length > 0 ? args[index] : fallback;
}
