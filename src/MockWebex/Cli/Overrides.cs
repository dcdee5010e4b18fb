using System.Text.Json.Nodes;

namespace MockWebex.Cli;

/// <summary>Turns `--set data.a.b=value` pairs into one nested override object.</summary>
public static class Overrides
{
    public static JsonObject Parse(IEnumerable<string> assignments)
    {
        var root = new JsonObject();
        foreach (var assignment in assignments)
        {
            var eq = assignment.IndexOf('=');
            var path = eq < 0 ? "" : assignment[..eq];
            var keys = path.Split('.');
            if (eq < 0 || keys.Length < 2 || keys[0] != "data" || keys.Skip(1).Any(k => k.Length == 0))
                throw new CliException($"--set '{assignment}': expected data.path=value, e.g. data.roomId=abc");
            var target = root;
            foreach (var key in keys[1..^1])
            {
                if (target[key] is not JsonObject child) target[key] = child = new JsonObject();
                target = child;
            }
            target[keys[^1]] = ParseValue(assignment[(eq + 1)..]);
        }
        return root;
    }

    /// <summary>JSON literals (true, 3, ["a"], {"x":1}, "quoted") keep their type; anything else is a string.</summary>
    private static JsonNode? ParseValue(string text)
    {
        try { return JsonNode.Parse(text); }
        catch (System.Text.Json.JsonException) { return JsonValue.Create(text); }
    }
}
