using System.Text;
using System.Text.Json;

namespace MockWebex.Tunnel;

/// <summary>Appends captures as JSON lines (UTF-8, no BOM) and reads them back; writes are serialised so lines never interleave.</summary>
public sealed class CaptureFile(string path)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false);
    private readonly SemaphoreSlim _gate = new(1, 1);

    public async Task AppendAsync(CapturedDelivery delivery)
    {
        var line = JsonSerializer.Serialize(delivery, Json) + "\n";
        await _gate.WaitAsync();
        try
        {
            await File.AppendAllTextAsync(path, line, Utf8NoBom);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Every record; a line that is not one is an <see cref="InvalidDataException"/> naming file and line.</summary>
    public static IEnumerable<CapturedDelivery> Read(string path)
    {
        var number = 0;
        foreach (var line in File.ReadLines(path))
        {
            number++;
            if (line.Trim().Length == 0) continue;
            CapturedDelivery? record;
            try
            {
                record = JsonSerializer.Deserialize<CapturedDelivery>(line.TrimStart('\uFEFF'), Json);
            }
            catch (JsonException e)
            {
                throw new InvalidDataException($"{path}:{number}: not a capture record ({e.Message.Split('.')[0]})");
            }
            if (record is null || record.Method is null || record.Path is null || record.Headers is null)
                throw new InvalidDataException($"{path}:{number}: not a capture record (method, path and headers are required)");
            yield return record;
        }
    }
}
