using MockWebex.Auth;
using MockWebex.Common;

namespace MockWebex.Resources;

/// <summary>/v1/team/memberships: who is in which team. Joining or leaving a team joins or leaves its general room.</summary>
public static class TeamMembershipsApi
{
    public static IEndpointRouteBuilder MapTeamMembershipsApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/v1/team/memberships").WithTags("Team Memberships").ProducesWebexErrors(400, 401, 403, 404, 409, 415);
        group.MapGet("/", List).Produces<ItemList<TeamMembershipDto>>().WithName("ListTeamMemberships").WithSummary("A team's memberships (teamId required)");
        group.MapPost("/", Create).Accepts<CreateTeamMembershipRequest>(isOptional: true, "application/json", "*/*").Produces<TeamMembershipDto>()
            .WithName("CreateTeamMembership").WithSummary("Add a person to a team (and its general room)");
        group.MapGet("/{membershipId}", Get).Produces<TeamMembershipDto>().WithName("GetTeamMembership").WithSummary("Get team membership details");
        group.MapPut("/{membershipId}", Update).Accepts<UpdateTeamMembershipRequest>(isOptional: true, "application/json", "*/*").Produces<TeamMembershipDto>()
            .WithName("UpdateTeamMembership").WithSummary("Make a member a team moderator, or not (moderators)");
        group.MapDelete("/{membershipId}", Delete).WithName("DeleteTeamMembership").WithSummary("Remove a person from a team (moderators, or yourself)");
        return routes;
    }

    private static IResult List(HttpContext http, TeamService teams, string? teamId, string? max, string? cursor)
    {
        if (string.IsNullOrEmpty(teamId)) return WebexErrors.BadRequest(http, "teamId is required to list team memberships.");
        if (!Paging.TryParseMax(max, ResourcePaging.MaxPageSize, out var pageSize, out var error, defaultSize: 100)) return WebexErrors.BadRequest(http, error!);
        if (!Paging.TryDecodeCursor(cursor, out var afterSeq)) return WebexErrors.BadRequest(http, $"Invalid value for cursor: '{cursor}'.");
        if (teams.Visible(http.Caller().PersonId, teamId) is null) return WebexErrors.NotFound(http);
        return ResourcePaging.Page(http, teams.MembershipsIn(teamId, afterSeq), pageSize, m => m.Seq, m => m.ToDto());
    }

    private static IResult Create(HttpContext http, CreateTeamMembershipRequest body, TeamService teams) =>
        teams.AddMember(http.Caller(), body).ToHttp(http, membership => TypedResults.Ok(membership.ToDto()));

    private static IResult Get(HttpContext http, TeamService teams, string membershipId) =>
        teams.VisibleMembership(http.Caller().PersonId, membershipId) is { } membership ? TypedResults.Ok(membership.ToDto()) : WebexErrors.NotFound(http);

    private static IResult Update(HttpContext http, UpdateTeamMembershipRequest body, TeamService teams, string membershipId) =>
        teams.UpdateMember(http.Caller(), membershipId, body).ToHttp(http, membership => TypedResults.Ok(membership.ToDto()));

    private static IResult Delete(HttpContext http, TeamService teams, string membershipId) =>
        teams.RemoveMember(http.Caller(), membershipId).ToHttp(http, _ => TypedResults.NoContent());
}
