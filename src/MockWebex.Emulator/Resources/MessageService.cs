using System.Text;
using System.Text.Json.Nodes;
using MockWebex.Auth;
using MockWebex.Common;
using MockWebex.Delivery;
using MockWebex.Events;
using MockWebex.Storage;

namespace MockWebex.Resources;

/// <summary>
/// Messages: posted to a room or to a person (the first one opens a 1:1 room), edited by their author, deleted
/// by the author or a moderator; markdown mentions resolved to people; who may read one is
/// <see cref="MessageVisibility"/>. One transaction per command, with the deliveries of its events.
/// </summary>
public sealed class MessageService(WebexStore store, Conversations conversations, ContentRepository contents, PeopleDirectory people, EventPublisher publisher, TimeProvider clock)
{
    public const int MaxTextBytes = 7439;
    public const string AdaptiveCard = "application/vnd.microsoft.card.adaptive";

    /// <summary>A message the caller may read: a member of its room and, for a bot in a group room, the author or mentioned.</summary>
    public MessageRecord? Readable(Identity caller, string messageId)
    {
        if (conversations.Message(messageId) is not { } message || !conversations.IsMember(message.RoomId, caller.PersonId)) return null;
        return MessageVisibility.MemberMaySee(caller.IsBot, caller.PersonId, message.RoomType == "group", message.PersonId, message.MentionedPeople) ? message : null;
    }

    /// <param name="contentsUrl">Where this server serves files, e.g. https://host/v1/contents/ (an uploaded file's URL is this plus its id).</param>
    public CommandResult<MessageRecord> Create(Identity caller, CreateMessageRequest request, string contentsUrl)
    {
        if (Validate(request) is { } invalid) return invalid;
        return store.InTransaction<CommandResult<MessageRecord>>(() =>
        {
            var events = new List<WebexEvent>();
            RoomRecord room;
            PersonRecord? recipient = null;
            if (request.RoomId is not null)
            {
                if (conversations.VisibleRoom(caller.PersonId, request.RoomId) is not { } found) return WebexProblem.NotFound;
                room = found;
            }
            else
            {
                if (request.ToPersonId is not null && WebexIds.TryDecode(request.ToPersonId)?.Type != "PEOPLE")
                    return (WebexProblem)$"Invalid value for toPersonId: '{request.ToPersonId}' is not a person id.";
                recipient = request.ToPersonId is not null ? people.Ensure(request.ToPersonId) : people.EnsureEmail(request.ToPersonEmail!, caller.OrgId);
                if (recipient.Id == caller.PersonId) return (WebexProblem)"You cannot send a 1:1 message to yourself.";
                room = conversations.DirectRoom(caller.PersonId, recipient.Id) ?? OpenDirectRoom(caller, recipient, events);
            }
            if (request.ParentId is not null && (conversations.Message(request.ParentId) is not { } parent || parent.RoomId != room.Id || parent.ParentId is not null))
                return (WebexProblem)$"Invalid value for parentId: '{request.ParentId}' is not a message of this room that can be replied to.";

            var rendered = Mentions(request.Markdown, caller);
            var messageId = WebexIds.New("MESSAGE");
            var files = request.Files?.ToList();
            if (request.Upload is { } upload)
            {
                var content = new ContentRecord(WebexIds.New("CONTENT"), upload.FileName, upload.ContentType, upload.Length, room.Id, messageId);
                using (var data = upload.OpenRead()) contents.Save(content, data);
                files = [contentsUrl + content.Id];
            }
            var message = conversations.AddMessage(new MessageRecord
            {
                Id = messageId,
                RoomId = room.Id,
                RoomType = room.Type,
                ParentId = request.ParentId,
                ToPersonId = recipient?.Id,
                ToPersonEmail = recipient?.Email,
                Text = request.Text ?? rendered?.Text,
                Markdown = request.Markdown,
                Html = rendered?.Html,
                Files = files,
                AttachmentsJson = request.Attachments?.ToJsonString(),
                PersonId = caller.PersonId,
                PersonEmail = caller.Email,
                MentionedPeople = rendered?.MentionedPeople is { Count: > 0 } mentioned ? mentioned : null,
                MentionedGroups = rendered?.MentionedGroups is { Count: > 0 } groups ? groups : null,
                Created = WebexTime.Now(clock),
            }, room);
            events.Add(ResourceEvents.Message("created", message, caller, conversations.MemberIds(room.Id)));
            publisher.Publish(events);
            return message;
        });
    }

    /// <summary>Webex requires the roomId again and new text or markdown; only the author may edit.</summary>
    public CommandResult<MessageRecord> Update(Identity caller, string messageId, UpdateMessageRequest request)
    {
        if (Readable(caller, messageId) is not { } original) return WebexProblem.NotFound;
        if (request.RoomId != original.RoomId) return (WebexProblem)"roomId is required and must be the message's room.";
        if (string.IsNullOrEmpty(request.Text) && string.IsNullOrEmpty(request.Markdown)) return (WebexProblem)"An edit needs text or markdown.";
        if (LengthProblem(request.Text, request.Markdown) is { } tooLong) return tooLong;
        return store.InTransaction<CommandResult<MessageRecord>>(() =>
        {
            // Read again inside the command: it may have been edited or deleted since.
            if (Readable(caller, messageId) is not { } message) return WebexProblem.NotFound;
            if (message.PersonId != caller.PersonId) return WebexProblem.Forbidden("Only the author can edit a message.");
            var rendered = Mentions(request.Markdown, caller);
            message.Text = request.Text ?? rendered?.Text;
            message.Markdown = request.Markdown;
            message.Html = rendered?.Html;
            message.MentionedPeople = rendered?.MentionedPeople is { Count: > 0 } mentioned ? mentioned : null;
            message.MentionedGroups = rendered?.MentionedGroups is { Count: > 0 } groups ? groups : null;
            message.Updated = WebexTime.Now(clock);
            conversations.SaveMessage(message);
            publisher.Publish([ResourceEvents.Message("updated", message, caller, conversations.MemberIds(message.RoomId))]);
            return message;
        });
    }

    /// <summary>A file sent with a message the caller may read, as <see cref="Readable"/> decides for the message.</summary>
    public ContentRecord? ReadableContent(Identity caller, string contentId) =>
        contents.Find(contentId) is { } content && Readable(caller, content.MessageId) is not null ? content : null;

    public Stream OpenContent(string contentId) => contents.OpenRead(contentId);

    public CommandResult<MessageRecord> Delete(Identity caller, string messageId) =>
        store.InTransaction<CommandResult<MessageRecord>>(() =>
        {
            if (Readable(caller, messageId) is not { } message) return WebexProblem.NotFound;
            if (message.PersonId != caller.PersonId && !conversations.IsModerator(message.RoomId, caller.PersonId))
                return WebexProblem.Forbidden("Only the author or a moderator can delete this message.");
            conversations.DeleteMessage(message.Id);
            publisher.Publish([ResourceEvents.Message("deleted", message, caller, conversations.MemberIds(message.RoomId))]);
            return message;
        });

    /// <summary>The first message to a person opens a 1:1 room with both as members, as in Webex.</summary>
    private RoomRecord OpenDirectRoom(Identity caller, PersonRecord recipient, List<WebexEvent> events)
    {
        var room = conversations.CreateRoom(null, recipient.DisplayName, "direct", caller.PersonId, caller.OrgId, directPair: (caller.PersonId, recipient.Id));
        var members = new[] { caller.PersonId, recipient.Id };
        events.Add(ResourceEvents.Room("created", room, caller, members));
        foreach (var person in new[] { people.Remember(caller), recipient })
            if (conversations.AddMember(room, person) is { } membership) events.Add(ResourceEvents.Membership("created", membership, caller, members));
        return room;
    }

    /// <summary>Mentions in markdown, resolved to people (an unknown email becomes an invited person).</summary>
    private MessageText.Rendered? Mentions(string? markdown, Identity caller) =>
        markdown is null ? null : MessageText.Render(markdown, (kind, value) =>
            kind == "personEmail" ? people.EnsureEmail(value, caller.OrgId) : people.Find(value));

    private static WebexProblem? LengthProblem(string? text, string? markdown) =>
        Encoding.UTF8.GetByteCount(text ?? "") > MaxTextBytes || Encoding.UTF8.GetByteCount(markdown ?? "") > MaxTextBytes
            ? $"The message is too long: text and markdown are limited to {MaxTextBytes} bytes."
            : null;

    private static WebexProblem? Validate(CreateMessageRequest request)
    {
        var destinations = new[] { request.RoomId, request.ToPersonId, request.ToPersonEmail }.Count(d => !string.IsNullOrEmpty(d));
        if (destinations == 0) return "One of roomId, toPersonId or toPersonEmail is required.";
        if (destinations > 1) return "Only one of roomId, toPersonId or toPersonEmail may be given.";
        var fileCount = (request.Files?.Count ?? 0) + (request.Upload is null ? 0 : 1);
        if (string.IsNullOrEmpty(request.Text) && string.IsNullOrEmpty(request.Markdown) && fileCount == 0 && request.Attachments is not { Count: > 0 })
            return "A message needs text, markdown, files or attachments.";
        if (LengthProblem(request.Text, request.Markdown) is { } tooLong) return tooLong;
        if (fileCount > 1) return "Only one file can be attached to a message.";
        if (request.Files?.Any(f => !Uri.TryCreate(f, UriKind.Absolute, out _)) == true) return "Invalid value for 'files': each file must be a URL.";
        if (request.Attachments is { Count: > 1 }) return "Only one card can be attached to a message.";
        if (request.Attachments?.Any(a => a is not JsonObject card || card["contentType"]?.ToString() != AdaptiveCard || card["content"] is not JsonObject) == true)
            return $"Invalid value for 'attachments': each must be {{\"contentType\":\"{AdaptiveCard}\",\"content\":{{...}}}}.";
        return null;
    }
}
