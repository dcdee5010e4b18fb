using MockWebex.Common;

namespace MockWebex.Resources;

/// <summary>POST /v1/team/memberships: a team and exactly one of personId or personEmail.</summary>
public sealed record CreateTeamMembershipRequest(string? TeamId, string? PersonId, string? PersonEmail, bool? IsModerator)
{
    public static ValueTask<CreateTeamMembershipRequest?> BindAsync(HttpContext http) => WebexJsonBody.BindAsync<CreateTeamMembershipRequest>(http);
}
