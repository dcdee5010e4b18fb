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
        if (!Paging.TryDecodeCursor(cursor, out var position)) return WebexErrors.BadRequest(http, $"Invalid value for cursor: '{cursor}'.");
        if (type is not (null or "direct" or "group")) return WebexErrors.BadRequest(http, $"Invalid value for type: '{type}'. Allowed values: direct, group.");
        if (sortBy is not (null or "id" or "lastactivity" or "created"))
            return WebexErrors.BadRequest(http, $"Invalid value for sortBy: '{sortBy}'. Allowed values: id, lastactivity, created.");
        bool Wanted(RoomRecord r) => (type is null || r.Type == type) && (teamId is null || r.TeamId == teamId);
        if (sortBy is null)
        {
            // In the order the caller joined them, read a page at a time (the cursor is the last membership's position).
            var joined = conversations.RoomsOf(http.Caller().PersonId, position).Where(x => Wanted(x.Room));
            return ResourcePaging.Page(http, joined, pageSize, x => x.MembershipSeq, x => x.Room.ToDto());
        }
        // A sort by a room's field reads all the caller's rooms (the cursor is the next page's offset).
        var mine = conversations.RoomsOf(http.Caller().PersonId).Select(x => x.Room).Where(Wanted);
        // Timestamps are ISO strings of one format, so they sort as text; newest first, like the Webex app.
        var ordered = sortBy switch
        {
            "id" => mine.OrderBy(r => r.Id, StringComparer.Ordinal),
            "lastactivity" => mine.OrderByDescending(r => r.LastActivity, StringComparer.Ordinal).ThenBy(r => r.Seq),
            _ => mine.OrderByDescending(r => r.Created, StringComparer.Ordinal).ThenBy(r => r.Seq),
        };
        return ResourcePaging.PageByOffset(http, ordered, pageSize, position, r => r.ToDto());
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
