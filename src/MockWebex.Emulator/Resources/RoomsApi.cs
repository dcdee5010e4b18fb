using MockWebex.Auth;
using MockWebex.Common;
using MockWebex.Delivery;

using MockWebex.Storage;

namespace MockWebex.Resources;

/// <summary>/v1/rooms: the caller sees the rooms they are a member of. Creating a room makes the caller its first member.</summary>
public static class RoomsApi
{
    public static IEndpointRouteBuilder MapRoomsApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/v1/rooms").WithTags("Rooms").ProducesWebexErrors(400, 401, 403, 404, 415);
        group.MapGet("/", List).Produces<ItemList<RoomDto>>().WithName("ListRooms").WithSummary("List the caller's rooms (creation order, or sortBy=id|lastactivity|created; Link header pages)");
        group.MapPost("/", Create).Accepts<CreateRoomRequest>(isOptional: true, "application/json", "*/*").Produces<RoomDto>()
            .WithName("CreateRoom").WithSummary("Create a group room; fires rooms:created and memberships:created");
        group.MapGet("/{roomId}", Get).Produces<RoomDto>().WithName("GetRoom").WithSummary("Get room details");
        group.MapPut("/{roomId}", Update).Accepts<UpdateRoomRequest>(isOptional: true, "application/json", "*/*").Produces<RoomDto>()
            .WithName("UpdateRoom").WithSummary("Rename or lock a room; fires rooms:updated");
        group.MapDelete("/{roomId}", Delete).WithName("DeleteRoom").WithSummary("Delete a group room and everything in it");
        return routes;
    }

    private static IResult List(HttpContext http, Conversations conversations, string? max, string? cursor, string? type, string? sortBy)
    {
        if (!Paging.TryParseMax(max, ResourcePaging.MaxPageSize, out var pageSize, out var error)) return WebexErrors.BadRequest(http, error!);
        if (!Paging.TryDecodeCursor(cursor, out var offset)) return WebexErrors.BadRequest(http, $"Invalid value for cursor: '{cursor}'.");
        if (type is not (null or "direct" or "group")) return WebexErrors.BadRequest(http, $"Invalid value for type: '{type}'. Allowed values: direct, group.");
        if (sortBy is not (null or "id" or "lastactivity" or "created"))
            return WebexErrors.BadRequest(http, $"Invalid value for sortBy: '{sortBy}'. Allowed values: id, lastactivity, created.");
        var mine = conversations.RoomsOf(http.Caller().PersonId).Where(r => type is null || r.Type == type);
        // Timestamps are ISO strings of one format, so they sort as text; newest first, like the Webex app.
        var ordered = sortBy switch
        {
            "id" => mine.OrderBy(r => r.Id, StringComparer.Ordinal),
            "lastactivity" => mine.OrderByDescending(r => r.LastActivity, StringComparer.Ordinal).ThenBy(r => r.Seq),
            "created" => mine.OrderByDescending(r => r.Created, StringComparer.Ordinal).ThenBy(r => r.Seq),
            _ => mine.OrderBy(r => r.Seq),
        };
        return ResourcePaging.PageByOffset(http, ordered, pageSize, offset, r => r.ToDto());
    }

    private static async Task<IResult> Create(HttpContext http, WebexStore store, Conversations conversations, PeopleDirectory people, EventPublisher publisher)
    {
        var (body, error) = await JsonRequest.ReadObjectAsync(http);
        if (error is not null) return error;
        if (!JsonRequest.TryGetString(body!, "title", out var title, out var problem) || !JsonRequest.TryGetString(body!, "teamId", out var teamId, out problem))
            return WebexErrors.BadRequest(http, problem!);
        if (string.IsNullOrWhiteSpace(title)) return WebexErrors.BadRequest(http, "title cannot be empty.");

        return store.InTransaction<IResult>(() =>
        {
            var caller = http.Caller();
            var room = conversations.CreateRoom(null, title, "group", caller.PersonId, caller.OrgId);
            if (teamId is not null)
            {
                room.TeamId = teamId;
                conversations.SaveRoom(room);
            }
            var membership = conversations.AddMember(room, people.Remember(caller))!;
            publisher.Publish([
                ResourceEvents.Room("created", room, caller, [caller.PersonId]),
                ResourceEvents.Membership("created", membership, caller, [caller.PersonId]),
            ]);
            return TypedResults.Ok(room.ToDto());
        });
    }

    private static IResult Get(HttpContext http, Conversations conversations, string roomId) =>
        VisibleRoom(http, conversations, roomId) is { } room ? TypedResults.Ok(room.ToDto()) : WebexErrors.NotFound(http);

    private static async Task<IResult> Update(HttpContext http, WebexStore store, Conversations conversations, EventPublisher publisher, string roomId)
    {
        if (VisibleRoom(http, conversations, roomId) is null) return WebexErrors.NotFound(http);
        var (body, error) = await JsonRequest.ReadObjectAsync(http);
        if (error is not null) return error;
        if (!JsonRequest.TryGetString(body!, "title", out var title, out var problem) || !JsonRequest.TryGetBool(body!, "isLocked", out var isLocked, out problem))
            return WebexErrors.BadRequest(http, problem!);
        if (string.IsNullOrWhiteSpace(title)) return WebexErrors.BadRequest(http, "title cannot be empty.");

        return store.InTransaction<IResult>(() =>
        {
            // Read again inside the command: what was read before the body arrived may have changed since.
            if (VisibleRoom(http, conversations, roomId) is not { } room) return WebexErrors.NotFound(http);
            var caller = http.Caller();
            if (conversations.Membership(room.Id, caller.PersonId) is not { } membership) return WebexErrors.NotFound(http); // left a moment ago
            if (room.IsLocked && !membership.IsModerator) return WebexErrors.Status(http, 403, "Only a moderator can change a locked room.");
            var lockChange = isLocked is { } locked && locked != room.IsLocked;
            if (lockChange && room.IsDirect) return WebexErrors.Status(http, 403, "A 1:1 room cannot be locked.");
            room.Title = title;
            room.IsLocked = isLocked ?? room.IsLocked;
            conversations.SaveRoom(room);
            var audience = conversations.MemberIds(room.Id);
            var events = new List<Events.WebexEvent> { ResourceEvents.Room("updated", room, caller, audience) };
            // Locking makes the caller a moderator; unlocking removes every moderator (Moderation says why).
            if (lockChange) events.AddRange(Moderation.AfterLockChange(conversations, room, caller, audience));
            publisher.Publish(events);
            return TypedResults.Ok(room.ToDto());
        });
    }

    /// <summary>
    /// Webex has no rooms:deleted event; deleting a room removes every membership, and each removal is a
    /// memberships:deleted that everyone who was in the room hears (bots tear their per-room state down on it).
    /// </summary>
    private static IResult Delete(HttpContext http, WebexStore store, Conversations conversations, EventPublisher publisher, string roomId) =>
        store.InTransaction<IResult>(() =>
        {
            if (VisibleRoom(http, conversations, roomId) is not { } room) return WebexErrors.NotFound(http);
            var caller = http.Caller();
            if (room.IsDirect) return WebexErrors.Status(http, 403, "A 1:1 room cannot be deleted.");
            if (room.IsLocked && !conversations.IsModerator(room.Id, caller.PersonId))
                return WebexErrors.Status(http, 403, "Only a moderator can delete a locked room.");
            var memberships = conversations.MembershipsIn(room.Id, 0).ToList();
            var audience = memberships.Select(m => m.PersonId).ToList();
            conversations.DeleteRoom(room.Id);
            publisher.Publish(memberships.Select(m => ResourceEvents.Membership("deleted", m, caller, audience)).ToList());
            return TypedResults.NoContent();
        });

    /// <summary>A room the caller is a member of; others are 404, as Webex does not reveal rooms you are not in.</summary>
    internal static RoomRecord? VisibleRoom(HttpContext http, Conversations conversations, string roomId) =>
        conversations.Room(roomId) is { } room && conversations.IsMember(room.Id, http.Caller().PersonId) ? room : null;
}
