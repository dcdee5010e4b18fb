using System.Text;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using MockWebex.Common;

namespace MockWebex.Resources;

/// <summary>
/// Binds a multipart/form-data POST /v1/messages (the SDK's and bot frameworks' upload): text fields as in JSON, and
/// a part named "files" that is the file — with a file name or without one (the JS SDK sends a Buffer without), or a
/// URL. Larger than Messages:MaxFileBytes is 413; a second file is 400, as Webex takes one per message.
/// </summary>
public static class MessageForm
{
    private const int MaxFieldBytes = 64 * 1024;

    /// <summary>multipart/form-data only: a urlencoded form is not how Webex takes a message (415, as any non-JSON body).</summary>
    public static bool IsMultipart(HttpRequest request) =>
        request.ContentType?.StartsWith("multipart/form-data", StringComparison.OrdinalIgnoreCase) == true;

    public static async ValueTask<CreateMessageRequest?> BindAsync(HttpContext http)
    {
        var limit = http.RequestServices.GetRequiredService<IOptions<MessagesOptions>>().Value.MaxFileBytes;
        // Room for the text fields and the multipart framing around the file.
        var bodyLimit = limit + 1024 * 1024;
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size) size.MaxRequestBodySize = bodyLimit;
        if (http.Request.ContentLength > bodyLimit) throw TooLarge(limit);
        var boundary = MediaTypeHeaderValue.TryParse(http.Request.ContentType, out var type) ? HeaderUtilities.RemoveQuotes(type.Boundary).Value : null;
        if (string.IsNullOrEmpty(boundary)) throw new WebexRequestException($"{WebexErrors.Malformed} The multipart body has no boundary.");

        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        var urls = new List<string>();
        var files = new List<UploadedFile>();
        try
        {
            var reader = new MultipartReader(boundary, http.Request.Body) { BodyLengthLimit = limit };
            while (await reader.ReadNextSectionAsync(http.RequestAborted) is { } section)
            {
                if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition) || !disposition.DispositionType.Equals("form-data", StringComparison.OrdinalIgnoreCase)) continue;
                var name = HeaderUtilities.RemoveQuotes(disposition.Name).Value ?? "";
                var fileName = HeaderUtilities.RemoveQuotes(disposition.FileNameStar.HasValue ? disposition.FileNameStar : disposition.FileName).Value;
                if (name != "files")
                {
                    fields[name] = Encoding.UTF8.GetString(await JsonRequest.ReadBoundedAsync(section.Body, MaxFieldBytes, http.RequestAborted)
                        ?? throw new WebexRequestException($"The field '{name}' is too long."));
                    continue;
                }
                var bytes = await JsonRequest.ReadBoundedAsync(section.Body, limit, http.RequestAborted) ?? throw TooLarge(limit);
                if (string.IsNullOrEmpty(fileName) && AsUrl(bytes) is { } url)
                {
                    urls.Add(url);
                    continue;
                }
                files.Add(new UploadedFile(Path.GetFileName(string.IsNullOrEmpty(fileName) ? "file" : fileName),
                    string.IsNullOrEmpty(section.ContentType) ? "application/octet-stream" : section.ContentType, bytes.Length, () => new MemoryStream(bytes, writable: false)));
            }
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            throw TooLarge(limit);
        }
        catch (InvalidDataException e)
        {
            throw e.Message.Contains("limit", StringComparison.OrdinalIgnoreCase) ? TooLarge(limit) : new WebexRequestException($"{WebexErrors.Malformed} {e.Message}");
        }
        catch (IOException e) when (!http.RequestAborted.IsCancellationRequested)
        {
            // A body that ends before its closing boundary, or is not multipart at all.
            throw new WebexRequestException($"{WebexErrors.Malformed} {e.Message.Split(',')[0]}.");
        }
        if (files.Count + urls.Count > 1) throw new WebexRequestException("Only one file can be attached to a message.");

        string? Field(string name) => fields.TryGetValue(name, out var value) && value.Length > 0 ? value : null;
        return new CreateMessageRequest(Field("roomId"), Field("toPersonId"), Field("toPersonEmail"), Field("parentId"), Field("text"), Field("markdown"),
            urls.Count > 0 ? urls : null, null)
        {
            Upload = files.FirstOrDefault(),
        };
    }

    /// <summary>A "files" part without a file name that holds just an http(s) URL is a link, as in JSON.</summary>
    private static string? AsUrl(byte[] bytes)
    {
        if (bytes.Length is 0 or > 2048) return null;
        var text = Encoding.UTF8.GetString(bytes).Trim();
        return Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" && !text.Any(char.IsWhiteSpace) ? text : null;
    }

    private static WebexRequestException TooLarge(long limit) =>
        new(new WebexProblem($"The file is too large: a message's file may be up to {limit:N0} bytes.", StatusCodes.Status413PayloadTooLarge));
}
