using System.Globalization;
using MockWebex.Auth;
using MockWebex.Common;
using MockWebex.Storage;

namespace MockWebex.Resources;

/// <summary>
/// /v1/messages: post to a room or to a person (which opens a 1:1 room), read back, delete.
/// Bots only see group-room messages that mention them, in lists, single reads and webhooks alike.
/// </summary>
public static class MessagesApi
{
    public static IEndpointRouteBuilder MapMessagesApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/v1/messages").WithTags("Messages").ProducesWebexErrors(400, 401, 403, 404, 415);
        group.MapGet("/", List).Produces<ItemList<MessageDto>>().WithName("ListMessages")
            .WithSummary("Messages of a room, newest first (roomId required; bots must add mentionedPeople=me in group rooms)");
        group.MapPost("/", Create).Accepts<CreateMessageRequest>(isOptional: true, "application/json", "multipart/form-data", "*/*").Produces<MessageDto>()
            .WithName("CreateMessage").WithSummary("Post a message; fires messages:created");
        group.MapGet("/direct", ListDirect).Produces<ItemList<MessageDto>>().WithName("ListDirectMessages")
            .WithSummary("The caller's 1:1 messages with one person (personId or personEmail), newest first, max 50 by default (paged with a Link header)");
        group.MapGet("/{messageId}", Get).Produces<MessageDto>().WithName("GetMessage").WithSummary("Get a message with its text");
        group.MapPut("/{messageId}", Update).Accepts<UpdateMessageRequest>(isOptional: true, "application/json", "*/*").Produces<MessageDto>()
            .WithName("EditMessage").WithSummary("Edit your message's text or markdown; fires messages:updated (UNCERTAIN in Webex, see README)");
        group.MapDelete("/{messageId}", Delete).WithName("DeleteMessage").WithSummary("Delete a message; fires messages:deleted");
        return routes;
    }

    private static IResult List(HttpContext http, Conversations conversations, string? roomId, string? max, string? mentionedPeople,
        string? before, string? beforeMessage, string? parentId)
    {
        if (string.IsNullOrEmpty(roomId)) return WebexErrors.BadRequest(http, "roomId is required to list messages.");
        if (!Paging.TryParseMax(max, ResourcePaging.MaxPageSize, out var pageSize, out var error, defaultSize: 50)) return WebexErrors.BadRequest(http, error!);
        var caller = http.Caller();
        if (mentionedPeople is not (null or "me") && mentionedPeople != caller.PersonId)
            return WebexErrors.BadRequest(http, "Only me or the person id of the current user may be given in mentionedPeople.");
        DateTimeOffset? beforeTime = null;
        if (before is not null)
        {
            if (!DateTimeOffset.TryParse(before, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
                return WebexErrors.BadRequest(http, $"Invalid value for before: '{before}'. Use an ISO 8601 date.");
            beforeTime = parsed;
        }
        if (conversations.VisibleRoom(caller.PersonId, roomId) is not { } room) return WebexErrors.NotFound(http);
        if (caller.IsBot && !room.IsDirect && mentionedPeople is null)
            return WebexErrors.Status(http, 403, "Bots must include mentionedPeople=me to list messages in group rooms.");
        return NewestFirst(http, conversations, room, "room", beforeMessage, pageSize, m =>
            (mentionedPeople is null || m.MentionedPeople?.Contains(caller.PersonId) == true)
            && (parentId is null || m.ParentId == parentId)
            && (beforeTime is null || DateTimeOffset.Parse(m.Created, CultureInfo.InvariantCulture) < beforeTime));
    }

    private static IResult ListDirect(HttpContext http, Conversations conversations, PeopleDirectory people, string? personId, string? personEmail, string? parentId,
        string? max, string? beforeMessage)
    {
        if (string.IsNullOrEmpty(personId) == string.IsNullOrEmpty(personEmail))
            return WebexErrors.BadRequest(http, "Exactly one of personId or personEmail is required.");
        if (!Paging.TryParseMax(max, ResourcePaging.MaxPageSize, out var pageSize, out var error, defaultSize: 50)) return WebexErrors.BadRequest(http, error!);
        var other = personId is not null ? people.Find(personId) : people.FindByEmail(personEmail!);
        if ((other is null ? null : conversations.DirectRoom(http.Caller().PersonId, other.Id)) is not { } room)
            return TypedResults.Ok(new ItemList<MessageDto>([]));
        // Paged like /v1/messages (Webex documents no max here; see the README).
        return NewestFirst(http, conversations, room, "conversation", beforeMessage, pageSize, m => parentId is null || m.ParentId == parentId);
    }

    /// <summary>
    /// One page of a room's messages that <paramref name="keep"/> accepts, newest first, older than
    /// <paramref name="beforeMessage"/> when given; Webex pages messages backwards from the oldest one returned.
    /// </summary>
    private static IResult NewestFirst(HttpContext http, Conversations conversations, RoomRecord room, string roomNoun, string? beforeMessage, int pageSize,
        Func<MessageRecord, bool> keep)
    {
        var beforeSeq = long.MaxValue;
        if (beforeMessage is not null)
        {
            if (conversations.Message(beforeMessage) is not { } anchor || anchor.RoomId != room.Id)
                return WebexErrors.BadRequest(http, $"Invalid value for beforeMessage: '{beforeMessage}' is not a message of this {roomNoun}.");
            beforeSeq = anchor.Seq;
        }
        var page = Paging.Take(conversations.MessagesIn(room.Id, beforeSeq).Where(keep), pageSize, out var more);
        if (more) Paging.SetNextLink(http, pageSize, "beforeMessage", page[^1].Id);
        return TypedResults.Ok(new ItemList<MessageDto>(page.Select(m => m.ToDto()).ToList()));
    }

    private static IResult Create(HttpContext http, CreateMessageRequest body, MessageService messages) =>
        messages.Create(http.Caller(), body, ContentsApi.BaseUrl(http.Request)).ToHttp(http, message => TypedResults.Ok(message.ToDto()));

    private static IResult Get(HttpContext http, MessageService messages, string messageId) =>
        messages.Readable(http.Caller(), messageId) is { } message ? TypedResults.Ok(message.ToDto()) : WebexErrors.NotFound(http);

    private static IResult Update(HttpContext http, UpdateMessageRequest body, MessageService messages, string messageId) =>
        messages.Update(http.Caller(), messageId, body).ToHttp(http, message => TypedResults.Ok(message.ToDto()));

    private static IResult Delete(HttpContext http, MessageService messages, string messageId) =>
        messages.Delete(http.Caller(), messageId).ToHttp(http, _ => TypedResults.NoContent());
}
