using System.Text.Json;
using System.Text.Json.Nodes;

namespace MockWebex.Common;

/// <summary>
/// Parses a request body as JSON and refuses what System.Text.Json only notices later, when a handler
/// reads a value: duplicate keys, strings that are not valid UTF-8, lone surrogate escapes ("\ud800").
/// Each of those was a 500; here it is a problem to answer with a 400.
/// </summary>
public static class StrictJson
{
    private static readonly JsonDocumentOptions Options = new() { MaxDepth = 64, AllowDuplicateProperties = false };

    /// <summary>The parsed body, or null and what is wrong with it.</summary>
    public static JsonNode? Parse(ReadOnlySpan<byte> utf8, out string? problem)
    {
        try
        {
            var node = JsonNode.Parse(utf8, documentOptions: Options);
            ReadEveryString(node);
            problem = null;
            return node;
        }
        catch (JsonException e)
        {
            problem = $"Invalid JSON: {e.Message.Split(" Path:")[0].TrimEnd('.')}.";
        }
        catch (InvalidOperationException)
        {
            problem = "Invalid JSON: a string is not valid UTF-8, or holds a lone surrogate escape.";
        }
        catch (ArgumentException)
        {
            problem = "Invalid JSON: a property name appears twice.";
        }
        return null;
    }

    /// <summary>Decodes every property name and string now, while a bad one can still be a 400.</summary>
    private static void ReadEveryString(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (_, value) in obj) ReadEveryString(value);
                break;
            case JsonArray array:
                foreach (var item in array) ReadEveryString(item);
                break;
            case JsonValue value when value.GetValueKind() == JsonValueKind.String:
                value.GetValue<string>();
                break;
        }
    }
}
