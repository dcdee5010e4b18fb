using System.Text.Json.Nodes;
using MockWebex.Common;

namespace MockWebex.Resources;

/// <summary>POST /v1/attachment/actions: a card submission (type "submit", the card's message, its input values).</summary>
public sealed record CreateAttachmentActionRequest(string? Type, string? MessageId, [property: ExpectedJson("an object of the card's input values")] JsonObject? Inputs)
{
    public static ValueTask<CreateAttachmentActionRequest?> BindAsync(HttpContext http) => WebexJsonBody.BindAsync<CreateAttachmentActionRequest>(http);
}
