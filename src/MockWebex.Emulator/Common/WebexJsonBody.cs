using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace MockWebex.Common;

/// <summary>
/// Binds a /v1 request body to its request record (the same record the OpenAPI document shows) the way Webex
/// judges a body: 413, 415, 400 for an empty or malformed one, and 400 naming the field for a value of the wrong
/// type. A record opts in with <c>public static ValueTask&lt;T?&gt; BindAsync(HttpContext http) =&gt; WebexJsonBody.BindAsync&lt;T&gt;(http);</c>;
/// what it throws reaches V1Pipeline, the one place that turns it into a Webex error body.
/// </summary>
public static class WebexJsonBody
{
    /// <summary>Field names are matched exactly, as Webex does: "Title" is not "title".</summary>
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web) { PropertyNameCaseInsensitive = false };

    public static async ValueTask<T?> BindAsync<T>(HttpContext http)
    {
        var (body, problem) = await JsonRequest.ReadObjectAsync(http);
        if (problem is not null) throw new WebexRequestException(problem);
        try
        {
            return body.Deserialize<T>(Options);
        }
        catch (JsonException e)
        {
            throw new WebexRequestException(WrongType<T>(e, body!));
        }
    }

    /// <summary>"Invalid value for 'title': expected a string but got a number."</summary>
    private static WebexProblem WrongType<T>(JsonException e, JsonObject body)
    {
        var field = (e.Path ?? "$").TrimStart('$', '.').Split('.', '[')[0];
        if (field.Length == 0 || body[field] is not { } node) return $"{WebexErrors.Malformed} {e.Message}";
        var property = typeof(T).GetProperties().FirstOrDefault(p => JsonNamingPolicy.CamelCase.ConvertName(p.Name) == field);
        var expected = property?.GetCustomAttribute<ExpectedJsonAttribute>()?.Description ?? Describe(property?.PropertyType);
        return $"Invalid value for '{field}': expected {expected} but got {JsonRequest.Describe(node)}.";
    }

    private static string Describe(Type? type)
    {
        type = type is null ? null : Nullable.GetUnderlyingType(type) ?? type;
        if (type == typeof(string)) return "a string";
        if (type == typeof(bool)) return "a boolean";
        if (type == typeof(JsonObject)) return "an object";
        if (type == typeof(JsonArray)) return "an array";
        return "another type";
    }
}
