using System.Text;
using System.Text.Json.Serialization;

namespace MockWebex.Tunnel;

/// <summary>
/// One relayed delivery as recorded in a JSONL capture file (one JSON object per line). The body is
/// kept as text when it is valid UTF-8 and as base64 otherwise, so every body replays byte-identical
/// and its original signature still verifies. <see cref="Path"/> is what followed the public URL
/// (path suffix and query), the part `replay` appends to its target.
/// </summary>
public sealed record CapturedDelivery(
    DateTimeOffset Time,
    string Method,
    string Path,
    Dictionary<string, string> Headers,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Body,
    int Status,
    double LatencyMs,
    bool? SignatureValid,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? BodyBase64 = null)
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static CapturedDelivery Create(DateTimeOffset time, string method, string path, Dictionary<string, string> headers, byte[] body,
        int status, double latencyMs, bool? signatureValid)
    {
        string? text;
        try
        {
            text = StrictUtf8.GetString(body);
        }
        catch (DecoderFallbackException)
        {
            text = null;
        }
        return new(time, method, path, headers, text, status, latencyMs, signatureValid, text is null ? Convert.ToBase64String(body) : null);
    }

    /// <summary>The body exactly as it arrived.</summary>
    public byte[] BodyBytes() => BodyBase64 is not null ? Convert.FromBase64String(BodyBase64) : Encoding.UTF8.GetBytes(Body ?? "");

    /// <summary>"messages.created" when the body is a Webex envelope, else "-".</summary>
    [JsonIgnore]
    public string EventName => EnvelopeName.Of(BodyBytes());
}
