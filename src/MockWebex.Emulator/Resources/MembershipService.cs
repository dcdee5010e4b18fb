using MockWebex.Auth;
using MockWebex.Common;
using MockWebex.Delivery;
using MockWebex.Events;
using MockWebex.Storage;

namespace MockWebex.Resources;

/// <summary>
/// Who is in which room. Adding, changing and removing members fire memberships events to the room (the removed
/// person hears it too); moderator changes follow <see cref="Moderation"/>. One transaction per command.
/// </summary>
public sealed class MembershipService(WebexStore store, Conversations conversations, PeopleDirectory people, EventPublisher publisher)
{
    public CommandResult<MembershipRecord> Create(Identity caller, CreateMembershipRequest request)
    {
        if (string.IsNullOrEmpty(request.RoomId)) return (WebexProblem)"roomId cannot be empty.";
        if (PeopleDirectory.CheckReference(request.PersonId, request.PersonEmail) is { } invalid) return invalid;

        return store.InTransaction<CommandResult<MembershipRecord>>(() =>
        {
            if (conversations.VisibleRoom(caller.PersonId, request.RoomId) is not { } room) return WebexProblem.NotFound;
            if (room.IsDirect) return WebexProblem.Forbidden("People cannot be added to a 1:1 room.");
            if (room.IsLocked && !conversations.IsModerator(room.Id, caller.PersonId))
                return WebexProblem.Forbidden("Only a moderator can add people to a locked room.");

            var person = people.EnsureReference(request.PersonId, request.PersonEmail, caller.OrgId);
            if (conversations.AddMember(room, person, request.IsModerator ?? false) is not { } membership)
                return WebexProblem.Conflict("The person is already a member of the room.");
            publisher.Publish([ResourceEvents.Membership("created", membership, caller, conversations.MemberIds(room.Id))]);
            return membership;
        });
    }

    /// <summary>The SDK sends the whole membership back: read-only fields are ignored, unchanged ones are not checked.</summary>
    public CommandResult<MembershipRecord> Update(Identity caller, string membershipId, UpdateMembershipRequest request) =>
        store.InTransaction<CommandResult<MembershipRecord>>(() =>
        {
            if (conversations.VisibleMembership(caller.PersonId, membershipId) is not { } membership) return WebexProblem.NotFound;
            var moderatorChange = request.IsModerator is { } wanted && wanted != membership.IsModerator;
            var hiddenChange = request.IsRoomHidden is { } hidden && hidden != membership.IsRoomHidden;
            if (hiddenChange && membership.PersonId != caller.PersonId)
                return WebexProblem.Forbidden("isRoomHidden can only be changed on your own membership.");
            if (conversations.Room(membership.RoomId) is not { } room) return WebexProblem.NotFound; // deleted a moment ago
            if (moderatorChange && room.IsLocked && !conversations.IsModerator(room.Id, caller.PersonId))
                return WebexProblem.Forbidden("Only a moderator can change moderators of a locked room.");
            if (moderatorChange && room.IsDirect) return WebexProblem.Forbidden("A 1:1 room has no moderators.");
            if (!moderatorChange && !hiddenChange) return membership;

            membership.IsModerator = request.IsModerator ?? membership.IsModerator;
            membership.IsRoomHidden = request.IsRoomHidden ?? membership.IsRoomHidden;
            conversations.SaveMembership(membership);
            var audience = conversations.MemberIds(room.Id);
            var events = new List<WebexEvent> { ResourceEvents.Membership("updated", membership, caller, audience) };
            if (moderatorChange) events.AddRange(Moderation.AfterModeratorChange(conversations, room, membership, caller, audience));
            publisher.Publish(events);
            return membership;
        });

    public CommandResult<MembershipRecord> Delete(Identity caller, string membershipId) =>
        store.InTransaction<CommandResult<MembershipRecord>>(() =>
        {
            if (conversations.VisibleMembership(caller.PersonId, membershipId) is not { } membership) return WebexProblem.NotFound;
            if (conversations.Room(membership.RoomId) is not { } room) return WebexProblem.NotFound; // deleted a moment ago
            if (room.IsDirect) return WebexProblem.Forbidden("Memberships of a 1:1 room cannot be deleted.");
            if (room.IsLocked && membership.PersonId != caller.PersonId && !conversations.IsModerator(room.Id, caller.PersonId))
                return WebexProblem.Forbidden("Only a moderator can remove people from a locked room.");
            // Everyone in the room before the removal hears of it, the removed person included.
            var audience = conversations.MemberIds(room.Id);
            conversations.DeleteMembership(membership.Id);
            publisher.Publish([ResourceEvents.Membership("deleted", membership, caller, audience)]);
            return membership;
        });
}
