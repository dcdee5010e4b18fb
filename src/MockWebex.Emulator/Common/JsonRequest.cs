using System.Text.Json;
using System.Text.Json.Nodes;

namespace MockWebex.Common;

/// <summary>
/// Reads a JSON object body the way Webex judges it: 415 for a non-JSON content type, 413 above
/// 1 MiB, 400 for an empty or malformed body. Never throws for client mistakes.
/// </summary>
public static class JsonRequest
{
    public const int MaxBodyBytes = 1024 * 1024;

    /// <summary>The body as a JSON object, or why it is not one (413, 400 empty or malformed, 415).</summary>
    public static async Task<(JsonObject? Body, WebexProblem? Problem)> ReadObjectAsync(HttpContext http)
    {
        var request = http.Request;
        var bytes = await ReadBoundedAsync(request, MaxBodyBytes, http.RequestAborted);
        if (bytes is null) return (null, new WebexProblem(WebexErrors.DefaultMessage(413), 413));
        if (IsBlank(bytes)) return (null, WebexErrors.BodyMissing);
        if (!IsJsonContentType(request.ContentType)) return (null, new WebexProblem(WebexErrors.DefaultMessage(415), 415));

        var node = StrictJson.Parse(bytes, out var problem);
        if (problem is not null) return (null, $"{WebexErrors.Malformed} {problem}");
        return node is JsonObject obj ? (obj, null) : (null, "The request body must be a JSON object.");
    }

    /// <summary>application/json or any +json type, parameters aside.</summary>
    public static bool IsJsonContentType(string? contentType)
    {
        if (string.IsNullOrEmpty(contentType)) return false;
        var mediaType = contentType.Split(';')[0].Trim();
        return mediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
            || mediaType.EndsWith("+json", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Empty, or only JSON whitespace.</summary>
    public static bool IsBlank(byte[] body) => body.All(b => b is (byte)' ' or (byte)'\n' or (byte)'\r' or (byte)'\t');

    /// <summary>
    /// The whole body, or null when it is longer than <paramref name="limit"/>. A body of known length is read
    /// into one exact buffer (the common case, and the cheap one); a chunked one is read up to the limit.
    /// </summary>
    public static async Task<byte[]?> ReadBoundedAsync(HttpRequest request, int limit, CancellationToken ct)
    {
        if (request.ContentLength > limit) return null;
        if (request.ContentLength is { } length)
        {
            var exact = new byte[length];
            await request.Body.ReadExactlyAsync(exact, ct);
            return exact;
        }
        return await ReadBoundedAsync(request.Body, limit, ct);
    }

    /// <summary>A stream's bytes, or null when there are more than <paramref name="limit"/> (read in chunks, never more than the limit).</summary>
    public static async Task<byte[]?> ReadBoundedAsync(Stream body, long limit, CancellationToken ct)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await body.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > limit) return null;
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }

    public static string Describe(JsonNode node) => node switch
    {
        JsonObject => "an object",
        JsonArray => "an array",
        JsonValue v => v.GetValueKind() switch
        {
            JsonValueKind.Number => "a number",
            JsonValueKind.True or JsonValueKind.False => "a boolean",
            _ => "a " + v.GetValueKind().ToString().ToLowerInvariant(),
        },
        _ => "null",
    };
}
