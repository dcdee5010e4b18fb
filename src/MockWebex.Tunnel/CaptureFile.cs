using System.Text;
using System.Text.Json;
using MockWebex.Common;

namespace MockWebex.Tunnel;

/// <summary>
/// Appends captures as JSON lines (UTF-8, no BOM) and reads them back; writes are serialised so lines never interleave.
/// A line that cannot be written whole (a full disk) is taken back out, so the file never holds half a record (which made
/// `replay` stop at it), and <paramref name="notice"/> hears it once, and once more when lines are written again.
/// </summary>
public sealed class CaptureFile(string path, Action<string>? notice = null)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false);
    private readonly SemaphoreSlim _gate = new(1, 1);
    private bool _failing; // under _gate

    public async Task AppendAsync(CapturedDelivery delivery)
    {
        var line = Utf8NoBom.GetBytes(JsonSerializer.Serialize(delivery, Json) + "\n");
        await _gate.WaitAsync();
        try
        {
            // Unbuffered, and not in Append mode (which refuses to cut the file back): what failed is in no buffer to retry.
            await using var file = new FileStream(path, FileMode.OpenOrCreate, FileAccess.Write, FileShare.Read, bufferSize: 0);
            var before = file.Seek(0, SeekOrigin.End);
            try
            {
                await file.WriteAsync(line);
            }
            catch (Exception e) when (e is IOException or ArgumentOutOfRangeException)
            {
                file.SetLength(before);
                var reason = e is ArgumentOutOfRangeException tooLarge ? FileTooLarge.AsIOException(path, tooLarge).Message : e.Message.TrimEnd('.');
                if (!_failing) notice?.Invoke($"cannot record to {path} ({reason}); deliveries go on unrecorded until it can");
                _failing = true;
                return;
            }
            if (_failing) notice?.Invoke($"recording to {path} again");
            _failing = false;
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
