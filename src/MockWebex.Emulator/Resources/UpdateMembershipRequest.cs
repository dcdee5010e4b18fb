using MockWebex.Common;

namespace MockWebex.Resources;

/// <summary>PUT /v1/memberships/{id}: the SDK sends the whole membership back; every other field is ignored.</summary>
public sealed record UpdateMembershipRequest(bool? IsModerator, bool? IsRoomHidden)
{
    public static ValueTask<UpdateMembershipRequest?> BindAsync(HttpContext http) => WebexJsonBody.BindAsync<UpdateMembershipRequest>(http);
}
