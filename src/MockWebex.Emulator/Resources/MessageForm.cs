using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;
using MockWebex.Common;

namespace MockWebex.Resources;

/// <summary>
/// Binds a multipart/form-data POST /v1/messages (the SDK's and bot frameworks' upload): text fields as in JSON, one
/// file part "files". Larger than Messages:MaxFileBytes is 413; a second file is 400, as Webex takes one per message.
/// </summary>
public static class MessageForm
{
    private static readonly string[] Fields = ["roomId", "toPersonId", "toPersonEmail", "parentId", "text", "markdown"];

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

        IFormCollection form;
        try
        {
            form = await http.Request.ReadFormAsync(new FormOptions { MultipartBodyLengthLimit = bodyLimit }, http.RequestAborted);
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
        if (form.Files.Count > 1) throw new WebexRequestException("Only one file can be attached to a message.");
        if (form.Files.FirstOrDefault() is { } file && file.Length > limit) throw TooLarge(limit);

        string? Field(string name) => form.TryGetValue(name, out var value) && value.Count > 0 ? value.ToString() : null;
        var urls = form.TryGetValue("files", out var listed) && listed.Count > 0 ? listed.Select(v => v!).ToList() : null;
        var upload = form.Files.FirstOrDefault() is { } part
            ? new UploadedFile(Path.GetFileName(part.FileName), string.IsNullOrEmpty(part.ContentType) ? "application/octet-stream" : part.ContentType, part.Length, part.OpenReadStream)
            : null;
        return new CreateMessageRequest(Field(Fields[0]), Field(Fields[1]), Field(Fields[2]), Field(Fields[3]), Field(Fields[4]), Field(Fields[5]), urls, null)
        {
            Upload = upload,
        };
    }

    private static WebexRequestException TooLarge(long limit) =>
        new(new WebexProblem($"The file is too large: a message's file may be up to {limit:N0} bytes.", StatusCodes.Status413PayloadTooLarge));
}
