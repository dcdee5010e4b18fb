using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using MockWebex.Common;

namespace MockWebex.Resources;

/// <summary>
/// POST /v1/messages: one destination (roomId, toPersonId or toPersonEmail) and text, markdown, a file or a card.
/// JSON, or multipart/form-data with the same fields and the file in a part named "files" (how bots upload).
/// </summary>
public sealed record CreateMessageRequest(
    string? RoomId,
    string? ToPersonId,
    string? ToPersonEmail,
    string? ParentId,
    string? Text,
    string? Markdown,
    [property: JsonConverter(typeof(OneOrManyConverter)), ExpectedJson("a URL or an array of URLs")] IReadOnlyList<string>? Files,
    [property: ExpectedJson("an array of cards")] JsonArray? Attachments)
{
    /// <summary>The uploaded file of a multipart request.</summary>
    [JsonIgnore]
    public UploadedFile? Upload { get; init; }

    public static ValueTask<CreateMessageRequest?> BindAsync(HttpContext http) =>
        MessageForm.IsMultipart(http.Request) ? MessageForm.BindAsync(http) : WebexJsonBody.BindAsync<CreateMessageRequest>(http);
}
