using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace MockWebex.Forwarder;

/// <summary>One relayed delivery as recorded in a JSONL capture file (one JSON object per line).</summary>
public sealed record CapturedDelivery(
    DateTimeOffset Time,
    string Method,
    string Path,
    Dictionary<string, string> Headers,
    string Body,
    int Status,
    double LatencyMs,
    bool? SignatureValid)
{
    /// <summary>"messages.created" when the body is a Webex envelope, else "-".</summary>
    [JsonIgnore]
    public string EventName
    {
        get
        {
            try
            {
                var json = JsonNode.Parse(Body);
                return json?["resource"] is { } r && json["event"] is { } e ? $"{r}.{e}" : "-";
            }
            catch (JsonException)
            {
                return "-";
            }
        }
    }
}

/// <summary>Appends captures as JSON lines and reads them back; writes are serialised so lines never interleave.</summary>
public sealed class CaptureFile(string path)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private readonly SemaphoreSlim _gate = new(1, 1);

    public async Task AppendAsync(CapturedDelivery delivery)
    {
        var line = JsonSerializer.Serialize(delivery, Json) + "\n";
        await _gate.WaitAsync();
        try
        {
            await File.AppendAllTextAsync(path, line, Encoding.UTF8);
        }
        finally
        {
            _gate.Release();
        }
    }

    public static IEnumerable<CapturedDelivery> Read(string path) =>
        File.ReadLines(path).Where(l => l.Trim().Length > 0).Select((line, i) =>
            JsonSerializer.Deserialize<CapturedDelivery>(line, Json) ?? throw new InvalidDataException($"{path}:{i + 1}: empty record"));
}
