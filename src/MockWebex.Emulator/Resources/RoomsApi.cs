using MockWebex.Auth;
using MockWebex.Common;
using MockWebex.Storage;

namespace MockWebex.Resources;

/// <summary>/v1/rooms: the caller sees the rooms they are a member of. Creating a room makes the caller its first member.</summary>
public static class RoomsApi
{
    public static IEndpointRouteBuilder MapRoomsApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/v1/rooms").WithTags("Rooms").ProducesWebexErrors(400, 401, 403, 404, 415);
        group.MapGet("/", List).Produces<ItemList<RoomDto>>().WithName("ListRooms").WithSummary("List the caller's rooms, optionally of one type or team (creation order, or sortBy=id|lastactivity|created; Link header pages)");
        group.MapPost("/", Create).Accepts<CreateRoomRequest>(isOptional: true, "application/json", "*/*").Produces<RoomDto>()
            .WithName("CreateRoom").WithSummary("Create a group room; fires rooms:created and memberships:created");
        group.MapGet("/{roomId}", Get).Produces<RoomDto>().WithName("GetRoom").WithSummary("Get room details");
        group.MapPut("/{roomId}", Update).Accepts<UpdateRoomRequest>(isOptional: true, "application/json", "*/*").Produces<RoomDto>()
            .WithName("UpdateRoom").WithSummary("Rename or lock a room; fires rooms:updated");
        group.MapDelete("/{roomId}", Delete).WithName("DeleteRoom").WithSummary("Delete a group room and everything in it");
        return routes;
    }

    private static IResult List(HttpContext http, Conversations conversations, string? max, string? cursor, string? type, string? sortBy, string? teamId)
    {
        if (!Paging.TryParseMax(max, ResourcePaging.MaxPageSize, out var pageSize, out var error)) return WebexErrors.BadRequest(http, error!);
        if (type is not (null or "direct" or "group")) return WebexErrors.BadRequest(http, $"Invalid value for type: '{type}'. Allowed values: direct, group.");
        var sort = sortBy is null ? null : RoomSort.Named(sortBy);
        if (sortBy is not null && sort is null)
            return WebexErrors.BadRequest(http, $"Invalid value for sortBy: '{sortBy}'. Allowed values: id, lastactivity, created.");
        bool Wanted(RoomRecord r) => (type is null || r.Type == type) && (teamId is null || r.TeamId == teamId);
        var invalidCursor = $"Invalid value for cursor: '{cursor}'.";
        if (sort is null)
        {
            // In the order the caller joined them, read a page at a time (the cursor is the last membership's position).
            if (!Paging.TryDecodeCursor(cursor, out var position)) return WebexErrors.BadRequest(http, invalidCursor);
            var joined = conversations.RoomsOf(http.Caller().PersonId, position).Where(x => Wanted(x.Room));
            return ResourcePaging.Page(http, joined, pageSize, x => x.MembershipSeq, x => x.Room.ToDto());
        }
        // By a room's field: the cursor is the last room's key in that order, so a page starts where the last one ended.
        if (!Paging.TryDecodeKeyCursor(cursor, out var afterKey)) return WebexErrors.BadRequest(http, invalidCursor);
        var rooms = conversations.SortedRoomsOf(http.Caller().PersonId, sort, afterKey, Wanted, pageSize + 1);
        if (rooms.Count > pageSize)
        {
            rooms.RemoveAt(pageSize);
            Paging.SetNextLink(http, pageSize, "cursor", Paging.EncodeKeyCursor(sort.KeyOf(rooms[^1])));
        }
        return TypedResults.Ok(new ItemList<RoomDto>(rooms.Select(r => r.ToDto()).ToList()));
    }

    private static IResult Create(HttpContext http, CreateRoomRequest body, RoomService rooms) =>
        rooms.Create(http.Caller(), body).ToHttp(http, room => TypedResults.Ok(room.ToDto()));

    private static IResult Get(HttpContext http, Conversations conversations, string roomId) =>
        conversations.VisibleRoom(http.Caller().PersonId, roomId) is { } room ? TypedResults.Ok(room.ToDto()) : WebexErrors.NotFound(http);

    private static IResult Update(HttpContext http, UpdateRoomRequest body, RoomService rooms, string roomId) =>
        rooms.Update(http.Caller(), roomId, body).ToHttp(http, room => TypedResults.Ok(room.ToDto()));

    private static IResult Delete(HttpContext http, RoomService rooms, string roomId) =>
        rooms.Delete(http.Caller(), roomId).ToHttp(http, _ => TypedResults.NoContent());
}
