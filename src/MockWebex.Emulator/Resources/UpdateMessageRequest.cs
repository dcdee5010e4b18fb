using MockWebex.Common;

namespace MockWebex.Resources;

/// <summary>PUT /v1/messages/{id}: Webex requires the roomId again and new text or markdown.</summary>
public sealed record UpdateMessageRequest(string? RoomId, string? Text, string? Markdown)
{
    public static ValueTask<UpdateMessageRequest?> BindAsync(HttpContext http) => WebexJsonBody.BindAsync<UpdateMessageRequest>(http);
}
