using MockWebex.Auth;
using MockWebex.Common;
using MockWebex.Storage;

namespace MockWebex.Resources;

/// <summary>/v1/memberships: who is in which room. Adding and removing people fires memberships events to the room.</summary>
public static class MembershipsApi
{
    public static IEndpointRouteBuilder MapMembershipsApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/v1/memberships").WithTags("Memberships").ProducesWebexErrors(400, 401, 403, 404, 409, 415);
        group.MapGet("/", List).Produces<ItemList<MembershipDto>>().WithName("ListMemberships")
            .WithSummary("The caller's memberships, or a room's (roomId), optionally of one person");
        group.MapPost("/", Create).Accepts<CreateMembershipRequest>(isOptional: true, "application/json", "*/*").Produces<MembershipDto>()
            .WithName("CreateMembership").WithSummary("Add a person to a group room; fires memberships:created");
        group.MapGet("/{membershipId}", Get).Produces<MembershipDto>().WithName("GetMembership").WithSummary("Get membership details");
        group.MapPut("/{membershipId}", Update).Accepts<UpdateMembershipRequest>(isOptional: true, "application/json", "*/*").Produces<MembershipDto>()
            .WithName("UpdateMembership").WithSummary("Change isModerator or isRoomHidden; fires memberships:updated");
        group.MapDelete("/{membershipId}", Delete).WithName("DeleteMembership").WithSummary("Remove a person from a group room; fires memberships:deleted");
        return routes;
    }

    private static IResult List(HttpContext http, Conversations conversations, string? max, string? cursor, string? roomId, string? personId, string? personEmail)
    {
        if (!Paging.TryParseMax(max, ResourcePaging.MaxPageSize, out var pageSize, out var error)) return WebexErrors.BadRequest(http, error!);
        if (!Paging.TryDecodeCursor(cursor, out var afterSeq)) return WebexErrors.BadRequest(http, $"Invalid value for cursor: '{cursor}'.");
        var caller = http.Caller();
        IEnumerable<MembershipRecord> matching;
        if (roomId is null)
        {
            if (personId is not null || personEmail is not null)
                return WebexErrors.BadRequest(http, "roomId is required when filtering by personId or personEmail.");
            matching = conversations.MembershipsOf(caller.PersonId, afterSeq);
        }
        else
        {
            if (conversations.VisibleRoom(caller.PersonId, roomId) is null) return WebexErrors.NotFound(http);
            matching = conversations.MembershipsIn(roomId, afterSeq)
                .Where(m => (personId is null || m.PersonId == personId)
                    && (personEmail is null || string.Equals(m.PersonEmail, personEmail, StringComparison.OrdinalIgnoreCase)));
        }
        return ResourcePaging.Page(http, matching, pageSize, m => m.Seq, m => m.ToDto());
    }

    private static IResult Create(HttpContext http, CreateMembershipRequest body, MembershipService memberships) =>
        memberships.Create(http.Caller(), body).ToHttp(http, membership => TypedResults.Ok(membership.ToDto()));

    private static IResult Get(HttpContext http, Conversations conversations, string membershipId) =>
        conversations.VisibleMembership(http.Caller().PersonId, membershipId) is { } m ? TypedResults.Ok(m.ToDto()) : WebexErrors.NotFound(http);

    private static IResult Update(HttpContext http, UpdateMembershipRequest body, MembershipService memberships, string membershipId) =>
        memberships.Update(http.Caller(), membershipId, body).ToHttp(http, membership => TypedResults.Ok(membership.ToDto()));

    private static IResult Delete(HttpContext http, MembershipService memberships, string membershipId) =>
        memberships.Delete(http.Caller(), membershipId).ToHttp(http, _ => TypedResults.NoContent());
}
