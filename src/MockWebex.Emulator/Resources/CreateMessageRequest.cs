using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using MockWebex.Common;

namespace MockWebex.Resources;

/// <summary>POST /v1/messages: one destination (roomId, toPersonId or toPersonEmail) and text, markdown, a file or a card.</summary>
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
    public static ValueTask<CreateMessageRequest?> BindAsync(HttpContext http) => WebexJsonBody.BindAsync<CreateMessageRequest>(http);
}
