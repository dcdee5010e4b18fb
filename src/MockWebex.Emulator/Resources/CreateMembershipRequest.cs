using MockWebex.Common;

namespace MockWebex.Resources;

/// <summary>POST /v1/memberships: a room and exactly one of personId or personEmail.</summary>
public sealed record CreateMembershipRequest(string? RoomId, string? PersonId, string? PersonEmail, bool? IsModerator)
{
    public static ValueTask<CreateMembershipRequest?> BindAsync(HttpContext http) => WebexJsonBody.BindAsync<CreateMembershipRequest>(http);
}
