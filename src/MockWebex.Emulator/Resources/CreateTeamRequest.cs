using MockWebex.Common;

namespace MockWebex.Resources;

/// <summary>POST /v1/teams.</summary>
public sealed record CreateTeamRequest(string? Name, string? Description)
{
    public static ValueTask<CreateTeamRequest?> BindAsync(HttpContext http) => WebexJsonBody.BindAsync<CreateTeamRequest>(http);
}
