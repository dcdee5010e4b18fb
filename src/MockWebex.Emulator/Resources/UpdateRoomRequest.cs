using MockWebex.Common;

namespace MockWebex.Resources;

/// <summary>PUT /v1/rooms/{roomId}: Webex requires the title again.</summary>
public sealed record UpdateRoomRequest(string? Title, bool? IsLocked)
{
    public static ValueTask<UpdateRoomRequest?> BindAsync(HttpContext http) => WebexJsonBody.BindAsync<UpdateRoomRequest>(http);
}
