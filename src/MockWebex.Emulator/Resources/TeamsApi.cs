using MockWebex.Auth;
using MockWebex.Common;

namespace MockWebex.Resources;

/// <summary>/v1/teams: the caller's teams. Creating a team makes its general room; see <see cref="TeamService"/>.</summary>
public static class TeamsApi
{
    public static IEndpointRouteBuilder MapTeamsApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/v1/teams").WithTags("Teams").ProducesWebexErrors(400, 401, 403, 404, 415);
        group.MapGet("/", List).Produces<ItemList<TeamDto>>().WithName("ListTeams").WithSummary("List the caller's teams (Link header pages)");
        group.MapPost("/", Create).Accepts<CreateTeamRequest>(isOptional: true, "application/json", "*/*").Produces<TeamDto>()
            .WithName("CreateTeam").WithSummary("Create a team and its general room; fires rooms:created and memberships:created");
        group.MapGet("/{teamId}", Get).Produces<TeamDto>().WithName("GetTeam").WithSummary("Get team details");
        group.MapPut("/{teamId}", Update).Accepts<UpdateTeamRequest>(isOptional: true, "application/json", "*/*").Produces<TeamDto>()
            .WithName("UpdateTeam").WithSummary("Rename a team (moderators)");
        group.MapDelete("/{teamId}", Delete).WithName("DeleteTeam").WithSummary("Delete a team (moderators); its rooms stay");
        return routes;
    }

    private static IResult List(HttpContext http, TeamService teams, string? max, string? cursor)
    {
        if (!Paging.TryParseMax(max, ResourcePaging.MaxPageSize, out var pageSize, out var error, defaultSize: 100)) return WebexErrors.BadRequest(http, error!);
        if (!Paging.TryDecodeCursor(cursor, out var afterSeq)) return WebexErrors.BadRequest(http, $"Invalid value for cursor: '{cursor}'.");
        return ResourcePaging.Page(http, teams.TeamsOf(http.Caller().PersonId, afterSeq), pageSize, t => t.Seq, t => t.ToDto());
    }

    private static IResult Create(HttpContext http, CreateTeamRequest body, TeamService teams) =>
        teams.Create(http.Caller(), body).ToHttp(http, team => TypedResults.Ok(team.ToDto()));

    private static IResult Get(HttpContext http, TeamService teams, string teamId) =>
        teams.Visible(http.Caller().PersonId, teamId) is { } team ? TypedResults.Ok(team.ToDto()) : WebexErrors.NotFound(http);

    private static IResult Update(HttpContext http, UpdateTeamRequest body, TeamService teams, string teamId) =>
        teams.Update(http.Caller(), teamId, body).ToHttp(http, team => TypedResults.Ok(team.ToDto()));

    private static IResult Delete(HttpContext http, TeamService teams, string teamId) =>
        teams.Delete(http.Caller(), teamId).ToHttp(http, _ => TypedResults.NoContent());
}
