using MockWebex.Common;

namespace MockWebex.Resources;

/// <summary>PUT /v1/team/memberships/{id}: isModerator; other fields (the SDK sends the whole object) are ignored.</summary>
public sealed record UpdateTeamMembershipRequest(bool? IsModerator)
{
    public static ValueTask<UpdateTeamMembershipRequest?> BindAsync(HttpContext http) => WebexJsonBody.BindAsync<UpdateTeamMembershipRequest>(http);
}
