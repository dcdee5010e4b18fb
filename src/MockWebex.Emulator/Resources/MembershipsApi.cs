using MockWebex.Auth;
using MockWebex.Common;
using MockWebex.Delivery;

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
            if (RoomsApi.VisibleRoom(http, conversations, roomId) is null) return WebexErrors.NotFound(http);
            matching = conversations.MembershipsIn(roomId, afterSeq)
                .Where(m => (personId is null || m.PersonId == personId)
                    && (personEmail is null || string.Equals(m.PersonEmail, personEmail, StringComparison.OrdinalIgnoreCase)));
        }
        return ResourcePaging.Page(http, matching, pageSize, m => m.Seq, m => m.ToDto());
    }

    private static async Task<IResult> Create(HttpContext http, WebexStore store, Conversations conversations, PeopleDirectory people, EventPublisher publisher)
    {
        var (body, error) = await JsonRequest.ReadObjectAsync(http);
        if (error is not null) return error;
        if (!JsonRequest.TryGetString(body!, "roomId", out var roomId, out var problem)
            || !JsonRequest.TryGetString(body!, "personId", out var personId, out problem)
            || !JsonRequest.TryGetString(body!, "personEmail", out var personEmail, out problem)
            || !JsonRequest.TryGetBool(body!, "isModerator", out var isModerator, out problem))
            return WebexErrors.BadRequest(http, problem!);
        if (string.IsNullOrEmpty(roomId)) return WebexErrors.BadRequest(http, "roomId cannot be empty.");
        if (string.IsNullOrEmpty(personId) == string.IsNullOrEmpty(personEmail))
            return WebexErrors.BadRequest(http, "Exactly one of personId or personEmail is required.");
        if (personId is not null && WebexIds.TryDecode(personId)?.Type != "PEOPLE")
            return WebexErrors.BadRequest(http, $"Invalid value for personId: '{personId}' is not a person id.");

        return store.InTransaction<IResult>(() =>
        {
            var caller = http.Caller();
            if (RoomsApi.VisibleRoom(http, conversations, roomId) is not { } room) return WebexErrors.NotFound(http);
            if (room.IsDirect) return WebexErrors.Status(http, 403, "People cannot be added to a 1:1 room.");
            if (room.IsLocked && !conversations.IsModerator(room.Id, caller.PersonId))
                return WebexErrors.Status(http, 403, "Only a moderator can add people to a locked room.");

            var person = personId is not null ? people.Ensure(personId) : people.EnsureEmail(personEmail!, caller.OrgId);
            var membership = conversations.AddMember(room, person, isModerator ?? false);
            if (membership is null) return WebexErrors.Status(http, 409, "The person is already a member of the room.");
            publisher.Publish([ResourceEvents.Membership("created", membership, caller, conversations.MemberIds(room.Id))]);
            return TypedResults.Ok(membership.ToDto());
        });
    }

    private static IResult Get(HttpContext http, Conversations conversations, string membershipId) =>
        VisibleMembership(http, conversations, membershipId) is { } m ? TypedResults.Ok(m.ToDto()) : WebexErrors.NotFound(http);

    private static async Task<IResult> Update(HttpContext http, WebexStore store, Conversations conversations, EventPublisher publisher, string membershipId)
    {
        if (VisibleMembership(http, conversations, membershipId) is null) return WebexErrors.NotFound(http);
        var (body, error) = await JsonRequest.ReadObjectAsync(http);
        if (error is not null) return error;
        if (!JsonRequest.TryGetBool(body!, "isModerator", out var isModerator, out var problem)
            || !JsonRequest.TryGetBool(body!, "isRoomHidden", out var isRoomHidden, out problem))
            return WebexErrors.BadRequest(http, problem!);

        return store.InTransaction<IResult>(() =>
        {
            // Read again inside the command: what was read before the body arrived may have changed since.
            if (VisibleMembership(http, conversations, membershipId) is not { } membership) return WebexErrors.NotFound(http);
            // The SDK sends the whole membership back: read-only fields are ignored, unchanged ones are not checked.
            var caller = http.Caller();
            var moderatorChange = isModerator is { } wanted && wanted != membership.IsModerator;
            var hiddenChange = isRoomHidden is { } hidden && hidden != membership.IsRoomHidden;
            if (hiddenChange && membership.PersonId != caller.PersonId)
                return WebexErrors.Status(http, 403, "isRoomHidden can only be changed on your own membership.");
            if (conversations.Room(membership.RoomId) is not { } room) return WebexErrors.NotFound(http); // deleted a moment ago
            if (moderatorChange && room.IsLocked && !conversations.IsModerator(room.Id, caller.PersonId))
                return WebexErrors.Status(http, 403, "Only a moderator can change moderators of a locked room.");
            if (moderatorChange && room.IsDirect) return WebexErrors.Status(http, 403, "A 1:1 room has no moderators.");
            if (!moderatorChange && !hiddenChange) return TypedResults.Ok(membership.ToDto());

            membership.IsModerator = isModerator ?? membership.IsModerator;
            membership.IsRoomHidden = isRoomHidden ?? membership.IsRoomHidden;
            conversations.SaveMembership(membership);
            var audience = conversations.MemberIds(room.Id);
            var events = new List<Events.WebexEvent> { ResourceEvents.Membership("updated", membership, caller, audience) };
            if (moderatorChange) events.AddRange(Moderation.AfterModeratorChange(conversations, room, membership, caller, audience));
            publisher.Publish(events);
            return TypedResults.Ok(membership.ToDto());
        });
    }

    private static IResult Delete(HttpContext http, WebexStore store, Conversations conversations, EventPublisher publisher, string membershipId) =>
        store.InTransaction<IResult>(() =>
        {
            if (VisibleMembership(http, conversations, membershipId) is not { } membership) return WebexErrors.NotFound(http);
            var caller = http.Caller();
            if (conversations.Room(membership.RoomId) is not { } room) return WebexErrors.NotFound(http); // deleted a moment ago
            if (room.IsDirect) return WebexErrors.Status(http, 403, "Memberships of a 1:1 room cannot be deleted.");
            if (room.IsLocked && membership.PersonId != caller.PersonId && !conversations.IsModerator(room.Id, caller.PersonId))
                return WebexErrors.Status(http, 403, "Only a moderator can remove people from a locked room.");
            // Everyone in the room before the removal hears of it, the removed person included.
            var audience = conversations.MemberIds(room.Id);
            conversations.DeleteMembership(membership.Id);
            publisher.Publish([ResourceEvents.Membership("deleted", membership, caller, audience)]);
            return TypedResults.NoContent();
        });

    private static MembershipRecord? VisibleMembership(HttpContext http, Conversations conversations, string membershipId) =>
        conversations.Membership(membershipId) is { } m && conversations.IsMember(m.RoomId, http.Caller().PersonId) ? m : null;
}
