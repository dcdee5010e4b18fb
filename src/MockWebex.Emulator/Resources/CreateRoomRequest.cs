using MockWebex.Common;

namespace MockWebex.Resources;

/// <summary>POST /v1/rooms. Request records bind with <see cref="WebexJsonBody"/>: the handler gets them, and so does the OpenAPI document.</summary>
public sealed record CreateRoomRequest(string? Title, string? TeamId)
{
    public static ValueTask<CreateRoomRequest?> BindAsync(HttpContext http) => WebexJsonBody.BindAsync<CreateRoomRequest>(http);
}
