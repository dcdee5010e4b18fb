using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using MockWebex.Common;
using MockWebex.Events;
using MockWebex.Hosting;
using MockWebex.Auth;
using MockWebex.Storage;

namespace MockWebex.Resources;

/// <summary>
/// Makes a triggered (fixture-generated) event true in the API: the room, people, membership,
/// message or card submission it mentions are created, so a bot that receives it can fetch them.
/// Whoever a delivery goes to becomes a member of the event's room — in Webex you only hear about
/// rooms you are in. Text that deliveries never carry (a message's text, a room's title, a card's
/// inputs) comes from the trigger's `details` or is generated, stable for the same id.
/// </summary>
public sealed class TriggeredResources(Conversations conversations, ContentRepository contents, ServerAddress server, PeopleDirectory people, IOptions<EventsOptions> options, TimeProvider clock)
{
    /// <summary>
    /// Who may hear a triggered event: in a room that exists, its members and whoever the event mentions (whatever
    /// their org), as in Webex where delivery follows membership; in a room the event makes up, the actor's org and
    /// whoever it mentions.
    /// </summary>
    public WebexEvent WithAudience(WebexEvent evt, out RoomLookup lookup)
    {
        lookup = default;
        if (!evt.Triggered || evt.VisibleTo is not null || !options.Value.CreateResources) return evt;
        var roomId = evt.Data.ContainsKey("roomId") ? Str(evt.Data, "roomId") : evt.Resource == "rooms" ? Str(evt.Data, "id") : null;
        if (roomId is null) return evt;
        lookup = new RoomLookup(roomId, conversations.Room(roomId));
        if (lookup.Room is not { } room) return evt;
        // Whoever a trigger mentions is taken to be in the room (Webex only lets you mention members): they hear it and join.
        return evt with { VisibleTo = conversations.MemberIds(room.Id).Union(room.IsDirect ? [] : evt.MentionedPeople ?? []).ToList() };
    }

    /// <summary>
    /// A 1:1 room has two members: a triggered direct message in a new room goes to the actor's own webhooks and to one
    /// receiver, the owner of the first (oldest) webhook it reaches; name the receiver with the trigger's visibleTo.
    /// </summary>
    public static IReadOnlyList<WebhookRecord> OneReceiverForDirect(WebexEvent evt, IReadOnlyList<WebhookRecord> matched)
    {
        if (!evt.Triggered || !evt.IsDirectRoom || evt.VisibleTo is not null) return matched;
        var receiver = matched.FirstOrDefault(w => !w.IsOrgWide && w.CreatedBy != evt.ActorId)?.CreatedBy;
        return matched.Where(w => w.IsOrgWide || w.CreatedBy == evt.ActorId || w.CreatedBy == receiver).ToList();
    }

    /// <param name="lookup">The event's room as <see cref="WithAudience"/> found it just before, if it looked.</param>
    public void Materialize(WebexEvent evt, IReadOnlyCollection<string> recipients, RoomLookup lookup = default)
    {
        if (!evt.Triggered) return;
        // The actor is always findable with GET /v1/people/{id}, even with resources off (it is what the delivery names).
        var actor = evt.Actor is { } identity ? people.Remember(identity) : people.Ensure(evt.ActorId, triggered: true);
        if (!options.Value.CreateResources) return;
        var data = evt.Data;
        switch (evt.Name)
        {
            case "messages.created":
                if (Room(data, "roomType", actor, recipients, evt.Details, Str(data, "personId"), lookup) is { } messageRoom && Str(data, "id") is { } messageId && conversations.Message(messageId) is null)
                {
                    var message = Message(data, messageRoom, evt.Details);
                    if (evt.Details?["file"] is JsonObject file) message.Files = [GeneratedFile(file, message)];
                    conversations.AddMessage(message, messageRoom);
                }
                break;
            case "messages.deleted":
                if (Str(data, "id") is { } deletedId) conversations.DeleteMessage(deletedId);
                break;
            case "memberships.created" or "memberships.updated":
                if (Room(data, "roomType", actor, recipients, evt.Details, alsoMember: null, lookup) is { } room && Str(data, "personId") is { } personId)
                    Membership(data, room, people.Ensure(personId, Str(data, "personEmail"), Str(data, "personDisplayName"), Str(data, "personOrgId"), triggered: true));
                break;
            case "memberships.deleted":
                if (Str(data, "id") is { } membershipId) conversations.DeleteMembership(membershipId);
                break;
            case "rooms.created" or "rooms.updated":
                if (Room(data, "type", actor, recipients, evt.Details, alsoMember: null, lookup) is { } changed)
                {
                    var isLocked = Bool(data, "isLocked") ?? changed.IsLocked;
                    var title = Str(evt.Details, "title") ?? changed.Title;
                    if (isLocked != changed.IsLocked || title != changed.Title)
                    {
                        changed.IsLocked = isLocked;
                        changed.Title = title;
                        conversations.SaveRoom(changed);
                    }
                }
                break;
            case "attachmentActions.created":
                if (Room(data, null, actor, recipients, evt.Details, Str(data, "personId"), lookup) is { } cardRoom && Str(data, "id") is { } actionId && conversations.AttachmentAction(actionId) is null)
                    CardSubmission(data, cardRoom, recipients.FirstOrDefault() ?? actor.Id, evt.Details);
                break;
        }
    }

    /// <summary>The event's room (created if new) with the actor, <paramref name="alsoMember"/> (a message's author) and every recipient as members.</summary>
    private RoomRecord? Room(JsonObject data, string? typeField, PersonRecord actor, IReadOnlyCollection<string> recipients, JsonObject? details, string? alsoMember, RoomLookup lookup)
    {
        var roomId = data.ContainsKey("roomId") ? Str(data, "roomId") : Str(data, "id");
        if (roomId is null) return null;
        var existing = lookup.Id == roomId ? lookup.Room : conversations.Room(roomId);
        // A 1:1 room never gains members: it has its two.
        if (existing is { IsDirect: true }) return existing;
        List<PersonRecord> members = [actor];
        if (alsoMember is not null) members.Add(people.Ensure(alsoMember, Str(data, "personEmail"), triggered: true));
        members.AddRange(recipients.Select(recipient => people.Ensure(recipient, triggered: true)));
        members = members.DistinctBy(person => person.Id, StringComparer.Ordinal).ToList();
        var type = (typeField is null ? null : Str(data, typeField)) ?? "group";
        var room = existing ?? conversations.CreateRoom(
            roomId,
            Str(details, "title") ?? StableFaker.Generate("text:" + roomId, f => f.Company.CatchPhrase()),
            type,
            Str(data, "creatorId") ?? actor.Id,
            actor.OrgId,
            isLocked: Bool(data, "isLocked") ?? false,
            created: Str(data, "created"),
            triggered: true,
            directPair: type == "direct" && members is [var first, var second] ? (first.Id, second.Id) : null);
        // A room made just now has no members yet, so the existence check (a query each) can be skipped.
        foreach (var person in members) conversations.AddMember(room, person, knownAbsent: existing is null, triggered: true);
        return room;
    }

    /// <summary>
    /// A file for a triggered message, from the trigger's details.file: {"name","contentType","text"} or
    /// {"name","contentType","base64"}; without text or bytes, generated text. Returns the URL GET /v1/contents serves it at.
    /// </summary>
    private string GeneratedFile(JsonObject spec, MessageRecord message)
    {
        var bytes = Str(spec, "base64") is { } base64 ? Convert.FromBase64String(base64)
            : System.Text.Encoding.UTF8.GetBytes(Str(spec, "text") ?? StableFaker.Generate("file:" + message.Id, f => f.Lorem.Paragraphs(3)));
        var content = new ContentRecord(WebexIds.Encode("CONTENT", IdentityDirectory.StableGuid("content:" + message.Id).ToString()),
            Str(spec, "name") ?? "notes.txt", Str(spec, "contentType") ?? "text/plain", bytes.Length, message.RoomId, message.Id);
        using (var data = new MemoryStream(bytes)) contents.Save(content, data);
        return $"{server.BaseUrl}/v1/contents/{content.Id}";
    }

    private MessageRecord Message(JsonObject data, RoomRecord room, JsonObject? details)
    {
        var id = Str(data, "id")!;
        var mentioned = (data["mentionedPeople"] as JsonArray)?.Select(n => n?.ToString()).OfType<string>().ToList();
        var names = mentioned?.Select(p => people.Ensure(p, triggered: true).DisplayName).ToList() ?? [];
        var text = Str(details, "text") ?? string.Join(" ", names.Append(StableFaker.Generate("text:" + id, f => f.Hacker.Phrase())));
        return new MessageRecord
        {
            Id = id,
            RoomId = room.Id,
            RoomType = room.Type,
            ParentId = Str(data, "parentId"),
            Text = text,
            Markdown = Str(details, "markdown"),
            Files = (data["files"] as JsonArray)?.Select(n => n?.ToString()).OfType<string>().ToList(),
            PersonId = Str(data, "personId") ?? room.CreatorId,
            PersonEmail = Str(data, "personEmail") ?? "",
            MentionedPeople = mentioned is { Count: > 0 } ? mentioned : null,
            Created = Str(data, "created") ?? WebexTime.Now(clock),
            Triggered = true,
        };
    }

    private void Membership(JsonObject data, RoomRecord room, PersonRecord person)
    {
        // An id given in the trigger's data may already be taken (the same override twice): reuse that
        // membership rather than fail the whole batch on a duplicate key.
        var membership = conversations.Membership(room.Id, person.Id)
            ?? (Str(data, "id") is { } id ? conversations.Membership(id) : null)
            ?? conversations.AddMember(room, person, id: Str(data, "id"), created: Str(data, "created"), triggered: true)!;
        membership.IsModerator = Bool(data, "isModerator") ?? false;
        membership.IsRoomHidden = Bool(data, "isRoomHidden") ?? false;
        conversations.SaveMembership(membership);
    }

    /// <summary>A submission of a card the recipient (usually the bot) posted; the card message is made up if it is not known.</summary>
    private void CardSubmission(JsonObject data, RoomRecord room, string cardAuthorId, JsonObject? details)
    {
        var messageId = Str(data, "messageId") ?? WebexIds.New("MESSAGE");
        if (conversations.Message(messageId) is null)
        {
            var author = people.Ensure(cardAuthorId, triggered: true);
            conversations.AddMessage(new MessageRecord
            {
                Id = messageId,
                RoomId = room.Id,
                RoomType = room.Type,
                Text = "Card",
                AttachmentsJson = new JsonArray(new JsonObject
                {
                    ["contentType"] = MessageService.AdaptiveCard,
                    ["content"] = new JsonObject { ["type"] = "AdaptiveCard", ["version"] = "1.3", ["body"] = new JsonArray() },
                }).ToJsonString(),
                PersonId = author.Id,
                PersonEmail = author.Email,
                Created = Str(data, "created") ?? WebexTime.Now(clock),
                Triggered = true,
            }, room);
        }
        conversations.AddAttachmentAction(new AttachmentActionRecord
        {
            Id = Str(data, "id")!,
            Type = Str(data, "type") ?? "submit",
            MessageId = messageId,
            PersonId = Str(data, "personId") ?? "",
            RoomId = room.Id,
            InputsJson = (details?["inputs"] as JsonObject)?.ToJsonString() ?? "{}",
            Created = Str(data, "created") ?? WebexTime.Now(clock),
        });
    }

    private static bool? Bool(JsonObject data, string name) => data[name] is JsonValue v && v.TryGetValue(out bool b) ? b : null;

    private static string? Str(JsonObject? data, string name) =>
        data?[name] is JsonValue v && v.TryGetValue(out string? s) && s.Length > 0 ? s : null;
}
