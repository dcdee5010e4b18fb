using MockWebex.Auth;
using MockWebex.Events;
using MockWebex.Storage;

namespace MockWebex.Resources;

/// <summary>
/// Webex's moderation rules in one place. Documented: `isLocked` is "whether the room is moderated
/// (locked)", and only moderators change a locked room. Inferred from the Webex app (UNCERTAIN, see
/// README): making someone a moderator of an unmoderated room moderates (locks) it and makes the one who
/// did it a moderator too; when the last moderator steps down the room is unmoderated again; unlocking a
/// room removes every moderator. Each change fires the events a client would see.
/// </summary>
public static class Moderation
{
    /// <summary>After a membership's isModerator changed: lock or unlock the room as needed; the extra events.</summary>
    public static List<WebexEvent> AfterModeratorChange(Conversations conversations, RoomRecord room, MembershipRecord changed, Identity caller, IReadOnlyCollection<string> audience)
    {
        var events = new List<WebexEvent>();
        if (changed.IsModerator && !room.IsLocked)
        {
            if (changed.PersonId != caller.PersonId && conversations.Membership(room.Id, caller.PersonId) is { IsModerator: false } own)
            {
                own.IsModerator = true;
                conversations.SaveMembership(own);
                events.Add(ResourceEvents.Membership("updated", own, caller, audience));
            }
            room.IsLocked = true;
            conversations.SaveRoom(room);
            events.Add(ResourceEvents.Room("updated", room, caller, audience));
        }
        else if (!changed.IsModerator && room.IsLocked && !conversations.MembershipsIn(room.Id, 0).Any(m => m.IsModerator))
        {
            room.IsLocked = false;
            conversations.SaveRoom(room);
            events.Add(ResourceEvents.Room("updated", room, caller, audience));
        }
        return events;
    }

    /// <summary>PUT /v1/rooms isLocked: locking makes the caller a moderator; unlocking removes every moderator. Returns the membership events.</summary>
    public static List<WebexEvent> AfterLockChange(Conversations conversations, RoomRecord room, Identity caller, IReadOnlyCollection<string> audience)
    {
        var events = new List<WebexEvent>();
        foreach (var membership in conversations.MembershipsIn(room.Id, 0).ToList())
        {
            var shouldModerate = room.IsLocked && (membership.IsModerator || membership.PersonId == caller.PersonId);
            if (membership.IsModerator == shouldModerate) continue;
            membership.IsModerator = shouldModerate;
            conversations.SaveMembership(membership);
            events.Add(ResourceEvents.Membership("updated", membership, caller, audience));
        }
        return events;
    }
}
