using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using MockWebex.Auth;
using MockWebex.Common;
using MockWebex.Delivery;
using MockWebex.Events;

using MockWebex.Storage;

namespace MockWebex.Resources;

/// <summary>
/// /v1/messages: post to a room or to a person (which opens a 1:1 room), read back, delete.
/// Bots only see group-room messages that mention them, in lists, single reads and webhooks alike.
/// </summary>
public static class MessagesApi
{
    public const int MaxTextBytes = 7439;
    public const string AdaptiveCard = "application/vnd.microsoft.card.adaptive";

    public static IEndpointRouteBuilder MapMessagesApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/v1/messages").WithTags("Messages").ProducesWebexErrors(400, 401, 403, 404, 415);
        group.MapGet("/", List).Produces<ItemList<MessageDto>>().WithName("ListMessages")
            .WithSummary("Messages of a room, newest first (roomId required; bots must add mentionedPeople=me in group rooms)");
        group.MapPost("/", Create).Accepts<CreateMessageRequest>(isOptional: true, "application/json", "*/*").Produces<MessageDto>()
            .WithName("CreateMessage").WithSummary("Post a message; fires messages:created");
        group.MapGet("/direct", ListDirect).Produces<ItemList<MessageDto>>().WithName("ListDirectMessages")
            .WithSummary("The caller's 1:1 messages with one person (personId or personEmail), newest first");
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
        if (RoomsApi.VisibleRoom(http, conversations, roomId) is not { } room) return WebexErrors.NotFound(http);
        if (caller.IsBot && !room.IsDirect && mentionedPeople is null)
            return WebexErrors.Status(http, 403, "Bots must include mentionedPeople=me to list messages in group rooms.");
        var beforeSeq = long.MaxValue;
        if (beforeMessage is not null)
        {
            if (conversations.Message(beforeMessage) is not { } anchor || anchor.RoomId != room.Id)
                return WebexErrors.BadRequest(http, $"Invalid value for beforeMessage: '{beforeMessage}' is not a message of this room.");
            beforeSeq = anchor.Seq;
        }

        var matching = conversations.MessagesIn(room.Id, beforeSeq).Where(m =>
            (mentionedPeople is null || m.MentionedPeople?.Contains(caller.PersonId) == true)
            && (parentId is null || m.ParentId == parentId)
            && (beforeTime is null || DateTimeOffset.Parse(m.Created, CultureInfo.InvariantCulture) < beforeTime));
        var page = Paging.Take(matching, pageSize, out var more);
        // Webex pages messages backwards from the oldest one returned.
        if (more) Paging.SetNextLink(http, pageSize, "beforeMessage", page[^1].Id);
        return TypedResults.Ok(new ItemList<MessageDto>(page.Select(m => m.ToDto()).ToList()));
    }

    private static IResult ListDirect(HttpContext http, Conversations conversations, PeopleDirectory people, string? personId, string? personEmail, string? parentId)
    {
        if (string.IsNullOrEmpty(personId) == string.IsNullOrEmpty(personEmail))
            return WebexErrors.BadRequest(http, "Exactly one of personId or personEmail is required.");
        var other = personId is not null ? people.Find(personId) : people.FindByEmail(personEmail!);
        var room = other is null ? null : conversations.DirectRoom(http.Caller().PersonId, other.Id);
        var messages = room is null ? [] : conversations.MessagesIn(room.Id, long.MaxValue).Where(m => parentId is null || m.ParentId == parentId).Select(m => m.ToDto()).ToList();
        return TypedResults.Ok(new ItemList<MessageDto>(messages));
    }

    private static async Task<IResult> Create(HttpContext http, WebexStore store, Conversations conversations, PeopleDirectory people, EventPublisher publisher, TimeProvider clock)
    {
        var (body, error) = await JsonRequest.ReadObjectAsync(http);
        if (error is not null) return error;
        if (TypeError(body!) is { } wrongType) return WebexErrors.BadRequest(http, wrongType);
        var input = Parse(body!);
        if (Validate(input) is { } invalid) return WebexErrors.BadRequest(http, invalid);

        return store.InTransaction<IResult>(() =>
        {
            var caller = http.Caller();
            var events = new List<WebexEvent>();
            RoomRecord room;
            PersonRecord? recipient = null;
            if (input.RoomId is not null)
            {
                if (RoomsApi.VisibleRoom(http, conversations, input.RoomId) is not { } found) return WebexErrors.NotFound(http);
                room = found;
            }
            else
            {
                if (input.ToPersonId is not null && WebexIds.TryDecode(input.ToPersonId)?.Type != "PEOPLE")
                    return WebexErrors.BadRequest(http, $"Invalid value for toPersonId: '{input.ToPersonId}' is not a person id.");
                recipient = input.ToPersonId is not null ? people.Ensure(input.ToPersonId) : people.EnsureEmail(input.ToPersonEmail!, caller.OrgId);
                if (recipient.Id == caller.PersonId) return WebexErrors.BadRequest(http, "You cannot send a 1:1 message to yourself.");
                room = conversations.DirectRoom(caller.PersonId, recipient.Id) ?? OpenDirectRoom(conversations, people, caller, recipient, events);
            }
            if (input.ParentId is not null && (conversations.Message(input.ParentId) is not { } parent || parent.RoomId != room.Id || parent.ParentId is not null))
                return WebexErrors.BadRequest(http, $"Invalid value for parentId: '{input.ParentId}' is not a message of this room that can be replied to.");

            var rendered = Mentions(input.Markdown, people, caller);
            var message = conversations.AddMessage(new MessageRecord
            {
                Id = WebexIds.New("MESSAGE"),
                RoomId = room.Id,
                RoomType = room.Type,
                ParentId = input.ParentId,
                ToPersonId = recipient?.Id,
                ToPersonEmail = recipient?.Email,
                Text = input.Text ?? rendered?.Text,
                Markdown = input.Markdown,
                Html = rendered?.Html,
                Files = input.Files,
                AttachmentsJson = input.Attachments?.ToJsonString(),
                PersonId = caller.PersonId,
                PersonEmail = caller.Email,
                MentionedPeople = rendered?.MentionedPeople is { Count: > 0 } mentioned ? mentioned : null,
                MentionedGroups = rendered?.MentionedGroups is { Count: > 0 } groups ? groups : null,
                Created = WebexTime.Now(clock),
            }, room);
            events.Add(ResourceEvents.Message("created", message, caller, conversations.MemberIds(room.Id)));
            publisher.Publish(events);
            return TypedResults.Ok(message.ToDto());
        });
    }

    private static IResult Get(HttpContext http, Conversations conversations, string messageId) =>
        Readable(http, conversations, messageId) is { } message ? TypedResults.Ok(message.ToDto()) : WebexErrors.NotFound(http);

    /// <summary>Webex requires the roomId again and new text or markdown; only the author may edit.</summary>
    private static async Task<IResult> Update(HttpContext http, WebexStore store, Conversations conversations, PeopleDirectory people, EventPublisher publisher, TimeProvider clock, string messageId)
    {
        if (Readable(http, conversations, messageId) is not { } original) return WebexErrors.NotFound(http);
        var (body, error) = await JsonRequest.ReadObjectAsync(http);
        if (error is not null) return error;
        if (TypeError(body!) is { } wrongType) return WebexErrors.BadRequest(http, wrongType);
        var input = Parse(body!);
        if (input.RoomId != original.RoomId) return WebexErrors.BadRequest(http, "roomId is required and must be the message's room.");
        if (string.IsNullOrEmpty(input.Text) && string.IsNullOrEmpty(input.Markdown)) return WebexErrors.BadRequest(http, "An edit needs text or markdown.");
        if (LengthProblem(input) is { } tooLong) return WebexErrors.BadRequest(http, tooLong);
        return store.InTransaction<IResult>(() =>
        {
            // Read again inside the command: it may have been edited or deleted since.
            if (Readable(http, conversations, messageId) is not { } message) return WebexErrors.NotFound(http);
            var caller = http.Caller();
            if (message.PersonId != caller.PersonId) return WebexErrors.Status(http, 403, "Only the author can edit a message.");

            var rendered = Mentions(input.Markdown, people, caller);
            message.Text = input.Text ?? rendered?.Text;
            message.Markdown = input.Markdown;
            message.Html = rendered?.Html;
            message.MentionedPeople = rendered?.MentionedPeople is { Count: > 0 } mentioned ? mentioned : null;
            message.MentionedGroups = rendered?.MentionedGroups is { Count: > 0 } groups ? groups : null;
            message.Updated = WebexTime.Now(clock);
            conversations.SaveMessage(message);
            publisher.Publish([ResourceEvents.Message("updated", message, caller, conversations.MemberIds(message.RoomId))]);
            return TypedResults.Ok(message.ToDto());
        });
    }

    private static IResult Delete(HttpContext http, WebexStore store, Conversations conversations, EventPublisher publisher, string messageId) =>
        store.InTransaction<IResult>(() =>
        {
            if (Readable(http, conversations, messageId) is not { } message) return WebexErrors.NotFound(http);
            var caller = http.Caller();
            if (message.PersonId != caller.PersonId && !conversations.IsModerator(message.RoomId, caller.PersonId))
                return WebexErrors.Status(http, 403, "Only the author or a moderator can delete this message.");
            conversations.DeleteMessage(message.Id);
            publisher.Publish([ResourceEvents.Message("deleted", message, caller, conversations.MemberIds(message.RoomId))]);
            return TypedResults.NoContent();
        });

    /// <summary>A message the caller may read: a member of its room and, for a bot in a group room, the author or mentioned.</summary>
    internal static MessageRecord? Readable(HttpContext http, Conversations conversations, string messageId)
    {
        var caller = http.Caller();
        if (conversations.Message(messageId) is not { } message || !conversations.IsMember(message.RoomId, caller.PersonId)) return null;
        return MessageVisibility.MemberMaySee(caller.IsBot, caller.PersonId, message.RoomType == "group", message.PersonId, message.MentionedPeople) ? message : null;
    }

    /// <summary>The first message to a person opens a 1:1 room with both as members, as in Webex.</summary>
    private static RoomRecord OpenDirectRoom(Conversations conversations, PeopleDirectory people, Identity caller, PersonRecord recipient, List<WebexEvent> events)
    {
        var room = conversations.CreateRoom(null, recipient.DisplayName, "direct", caller.PersonId, caller.OrgId);
        var members = new[] { caller.PersonId, recipient.Id };
        events.Add(ResourceEvents.Room("created", room, caller, members));
        foreach (var person in new[] { people.Remember(caller), recipient })
            if (conversations.AddMember(room, person) is { } membership) events.Add(ResourceEvents.Membership("created", membership, caller, members));
        return room;
    }

    private static string? LengthProblem(MessageInput input) =>
        Encoding.UTF8.GetByteCount(input.Text ?? "") > MaxTextBytes || Encoding.UTF8.GetByteCount(input.Markdown ?? "") > MaxTextBytes
            ? $"The message is too long: text and markdown are limited to {MaxTextBytes} bytes."
            : null;

    /// <summary>Mentions in markdown, resolved to people (an unknown email becomes an invited person).</summary>
    private static MessageText.Rendered? Mentions(string? markdown, PeopleDirectory people, Identity caller) =>
        markdown is null ? null : MessageText.Render(markdown, (kind, value) =>
            kind == "personEmail" ? people.EnsureEmail(value, caller.OrgId) : people.Find(value));

    private sealed record MessageInput(string? RoomId, string? ToPersonId, string? ToPersonEmail, string? ParentId, string? Text, string? Markdown,
        List<string>? Files, JsonArray? Attachments);

    /// <summary>Reads a body that <see cref="TypeError"/> found well-typed.</summary>
    private static MessageInput Parse(JsonObject body) =>
        new(Str(body, "roomId"), Str(body, "toPersonId"), Str(body, "toPersonEmail"), Str(body, "parentId"), Str(body, "text"),
            Str(body, "markdown"), Files(body["files"]), body["attachments"] as JsonArray);

    /// <summary>A list of URLs, or one URL as a string: the SDK passes a single file through unchanged and Webex takes it as a one-element list.</summary>
    private static List<string>? Files(JsonNode? files) => files switch
    {
        JsonArray list => list.Select(f => f!.GetValue<string>()).ToList(),
        JsonValue one => [one.GetValue<string>()],
        _ => null,
    };

    private static string? Str(JsonObject body, string name) => body[name] is JsonValue v ? v.GetValue<string>() : null;

    private static string? TypeError(JsonObject body)
    {
        foreach (var name in new[] { "roomId", "toPersonId", "toPersonEmail", "parentId", "text", "markdown" })
            if (!JsonRequest.TryGetString(body, name, out _, out var problem)) return problem;
        if (body["files"] is { } files && !IsString(files) && (files is not JsonArray list || !list.All(IsString)))
            return "Invalid value for 'files': expected a URL or an array of URLs.";
        if (body["attachments"] is { } attachments && attachments is not JsonArray)
            return "Invalid value for 'attachments': expected an array of cards.";
        return null;
    }

    private static bool IsString(JsonNode? node) => node is JsonValue v && v.GetValueKind() == JsonValueKind.String;

    private static string? Validate(MessageInput input)
    {
        var destinations = new[] { input.RoomId, input.ToPersonId, input.ToPersonEmail }.Count(d => !string.IsNullOrEmpty(d));
        if (destinations == 0) return "One of roomId, toPersonId or toPersonEmail is required.";
        if (destinations > 1) return "Only one of roomId, toPersonId or toPersonEmail may be given.";
        if (string.IsNullOrEmpty(input.Text) && string.IsNullOrEmpty(input.Markdown) && input.Files is not { Count: > 0 } && input.Attachments is not { Count: > 0 })
            return "A message needs text, markdown, files or attachments.";
        if (LengthProblem(input) is { } tooLong) return tooLong;
        if (input.Files is { Count: > 1 }) return "Only one file can be attached to a message.";
        if (input.Files?.Any(f => !Uri.TryCreate(f, UriKind.Absolute, out _)) == true) return "Invalid value for 'files': each file must be a URL.";
        if (input.Attachments is { Count: > 1 }) return "Only one card can be attached to a message.";
        if (input.Attachments?.Any(a => a is not JsonObject card || card["contentType"]?.ToString() != AdaptiveCard || card["content"] is not JsonObject) == true)
            return $"Invalid value for 'attachments': each must be {{\"contentType\":\"{AdaptiveCard}\",\"content\":{{...}}}}.";
        return null;
    }
}
