using MockWebex.Auth;
using MockWebex.Common;
using MockWebex.Delivery;
using MockWebex.Events;
using MockWebex.Storage;

namespace MockWebex.Resources;

/// <summary>
/// Rooms as Webex runs them: the creator is the first member; only moderators change or delete a locked room;
/// 1:1 rooms are neither locked nor deleted. Each command is one transaction with the deliveries of its events.
/// </summary>
public sealed class RoomService(WebexStore store, Conversations conversations, PeopleDirectory people, TeamService teams, EventPublisher publisher)
{
    public CommandResult<RoomRecord> Create(Identity caller, CreateRoomRequest request)
    {
        if (string.IsNullOrWhiteSpace(request.Title)) return (WebexProblem)"title cannot be empty.";
        return store.InTransaction<CommandResult<RoomRecord>>(() =>
        {
            // A room in a team: only the team's members may make one (the team is not revealed to others).
            if (request.TeamId is not null && teams.Visible(caller.PersonId, request.TeamId) is null) return WebexProblem.NotFound;
            var room = conversations.CreateRoom(null, request.Title, "group", caller.PersonId, caller.OrgId);
            if (request.TeamId is not null)
            {
                room.TeamId = request.TeamId;
                conversations.SaveRoom(room);
            }
            var membership = conversations.AddMember(room, people.Remember(caller))!;
            publisher.Publish([
                ResourceEvents.Room("created", room, caller, [caller.PersonId]),
                ResourceEvents.Membership("created", membership, caller, [caller.PersonId]),
            ]);
            return room;
        });
    }

    public CommandResult<RoomRecord> Update(Identity caller, string roomId, UpdateRoomRequest request)
    {
        if (conversations.VisibleRoom(caller.PersonId, roomId) is null) return WebexProblem.NotFound;
        if (string.IsNullOrWhiteSpace(request.Title)) return (WebexProblem)"title cannot be empty.";
        return store.InTransaction<CommandResult<RoomRecord>>(() =>
        {
            // Read again inside the command: it may have changed since the check above.
            if (conversations.VisibleRoom(caller.PersonId, roomId) is not { } room) return WebexProblem.NotFound;
            if (conversations.Membership(room.Id, caller.PersonId) is not { } membership) return WebexProblem.NotFound; // left a moment ago
            if (room.IsLocked && !membership.IsModerator) return WebexProblem.Forbidden("Only a moderator can change a locked room.");
            var lockChange = request.IsLocked is { } locked && locked != room.IsLocked;
            if (lockChange && room.IsDirect) return WebexProblem.Forbidden("A 1:1 room cannot be locked.");
            room.Title = request.Title;
            room.IsLocked = request.IsLocked ?? room.IsLocked;
            conversations.SaveRoom(room);
            var audience = conversations.MemberIds(room.Id);
            var events = new List<WebexEvent> { ResourceEvents.Room("updated", room, caller, audience) };
            // Locking makes the caller a moderator; unlocking removes every moderator (Moderation says why).
            if (lockChange) events.AddRange(Moderation.AfterLockChange(conversations, room, caller, audience));
            publisher.Publish(events);
            return room;
        });
    }

    /// <summary>
    /// Webex has no rooms:deleted event; deleting a room removes every membership, and each removal is a
    /// memberships:deleted that everyone who was in the room hears (bots tear their per-room state down on it).
    /// </summary>
    public CommandResult<RoomRecord> Delete(Identity caller, string roomId) =>
        store.InTransaction<CommandResult<RoomRecord>>(() =>
        {
            if (conversations.VisibleRoom(caller.PersonId, roomId) is not { } room) return WebexProblem.NotFound;
            if (room.IsDirect) return WebexProblem.Forbidden("A 1:1 room cannot be deleted.");
            if (room.IsLocked && !conversations.IsModerator(room.Id, caller.PersonId))
                return WebexProblem.Forbidden("Only a moderator can delete a locked room.");
            var memberships = conversations.MembershipsIn(room.Id, 0).ToList();
            var audience = memberships.Select(m => m.PersonId).ToList();
            conversations.DeleteRoom(room.Id);
            publisher.Publish(memberships.Select(m => ResourceEvents.Membership("deleted", m, caller, audience)).ToList());
            return room;
        });
}
