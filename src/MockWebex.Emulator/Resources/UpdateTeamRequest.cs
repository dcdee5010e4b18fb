using MockWebex.Common;

namespace MockWebex.Resources;

/// <summary>PUT /v1/teams/{teamId}: the name again, and optionally a description.</summary>
public sealed record UpdateTeamRequest(string? Name, string? Description)
{
    public static ValueTask<UpdateTeamRequest?> BindAsync(HttpContext http) => WebexJsonBody.BindAsync<UpdateTeamRequest>(http);
}
