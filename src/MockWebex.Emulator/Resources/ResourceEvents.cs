using System.Text.Json.Nodes;
using MockWebex.Auth;
using MockWebex.Events;

namespace MockWebex.Resources;

/// <summary>
/// The events API calls cause, with the data fields of real deliveries (the same shape as the
/// fixtures): the caller is the actor and only the room's members (at the time) can see them.
/// </summary>
public static class ResourceEvents
{
    public static WebexEvent Room(string @event, RoomRecord room, Identity actor, IReadOnlyCollection<string> members) =>
        Create("rooms", @event, actor, members, new JsonObject
        {
            ["id"] = room.Id,
            ["type"] = room.Type,
            ["isLocked"] = room.IsLocked,
            ["lastActivity"] = room.LastActivity,
            ["creatorId"] = room.CreatorId,
            ["created"] = room.Created,
        });

    public static WebexEvent Membership(string @event, MembershipRecord m, Identity actor, IReadOnlyCollection<string> members) =>
        Create("memberships", @event, actor, members, new JsonObject
        {
            ["id"] = m.Id,
            ["roomId"] = m.RoomId,
            ["roomType"] = m.RoomType,
            ["personId"] = m.PersonId,
            ["personEmail"] = m.PersonEmail,
            ["personDisplayName"] = m.PersonDisplayName,
            ["personOrgId"] = m.PersonOrgId,
            ["isModerator"] = m.IsModerator,
            ["isMonitor"] = m.IsMonitor,
            ["isRoomHidden"] = m.IsRoomHidden,
            ["created"] = m.Created,
        });

    /// <summary>Metadata only, never the text: receivers fetch it with GET /v1/messages/{id}.</summary>
    public static WebexEvent Message(string @event, MessageRecord m, Identity actor, IReadOnlyCollection<string> members)
    {
        var data = new JsonObject
        {
            ["id"] = m.Id,
            ["roomId"] = m.RoomId,
            ["roomType"] = m.RoomType,
            ["personId"] = m.PersonId,
            ["personEmail"] = m.PersonEmail,
        };
        if (m.ParentId is not null) data["parentId"] = m.ParentId;
        if (m.MentionedPeople is { Count: > 0 }) data["mentionedPeople"] = new JsonArray(m.MentionedPeople.Select(p => JsonValue.Create(p)).ToArray<JsonNode?>());
        data["created"] = m.Created;
        if (m.Updated is not null) data["updated"] = m.Updated;
        return Create("messages", @event, actor, members, data) with
        {
            MentionedPeople = m.MentionedPeople,
            // Webex filters on these but does not put them in the delivery (WEBEX-FACTS §6.2).
            FilterOnly = new JsonObject { ["hasFiles"] = m.Files is { Count: > 0 }, ["hasAttachments"] = m.AttachmentsJson is not null },
        };
    }

    /// <summary>A card submission reaches the card's author (the app that posted it) and the submitter, not the whole room.</summary>
    public static WebexEvent AttachmentAction(AttachmentActionRecord a, Identity actor, string cardAuthorId) =>
        Create("attachmentActions", "created", actor, [cardAuthorId, actor.PersonId], new JsonObject
        {
            ["id"] = a.Id,
            ["type"] = a.Type,
            ["messageId"] = a.MessageId,
            ["personId"] = a.PersonId,
            ["roomId"] = a.RoomId,
            ["created"] = a.Created,
        });

    private static WebexEvent Create(string resource, string @event, Identity actor, IReadOnlyCollection<string> visibleTo, JsonObject data) =>
        new(Guid.NewGuid().ToString(), resource, @event, actor.PersonId, data, actor.OrgId, visibleTo.Distinct().ToArray());
}
