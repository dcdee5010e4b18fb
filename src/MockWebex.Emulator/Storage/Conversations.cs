using LiteDB;
using MockWebex.Common;
using MockWebex.Resources;

namespace MockWebex.Storage;

/// <summary>
/// Rooms, their members and their messages in LiteDB. No HTTP and no events here: the API handlers
/// (which emit events) and the materializer of triggered events (which does not) both build on it.
/// No locks of its own: it runs inside the publisher's LiteDB transaction, and a lock held while
/// waiting for LiteDB could deadlock with it. Membership ids are derived from person and room, so
/// the unique _id is what stops two concurrent adds of one person from both winning.
/// </summary>
public sealed class Conversations(WebexStore store, TimeProvider clock)
{
    public RoomRecord? Room(string roomId) => store.Rooms.FindById(roomId);

    /// <summary>A room the person is a member of; null for others too, as Webex does not reveal rooms you are not in.</summary>
    public RoomRecord? VisibleRoom(string personId, string roomId) => Room(roomId) is { } room && IsMember(room.Id, personId) ? room : null;

    /// <summary>A membership of a room the person is in.</summary>
    public MembershipRecord? VisibleMembership(string personId, string membershipId) =>
        Membership(membershipId) is { } membership && IsMember(membership.RoomId, personId) ? membership : null;

    public MembershipRecord? Membership(string roomId, string personId) =>
        store.Memberships.FindOne(m => m.RoomId == roomId && m.PersonId == personId);

    public MembershipRecord? Membership(string membershipId) => store.Memberships.FindById(membershipId);

    public bool IsMember(string roomId, string personId) => Membership(roomId, personId) is not null;

    public bool IsModerator(string roomId, string personId) => Membership(roomId, personId)?.IsModerator == true;

    public IReadOnlyList<string> MemberIds(string roomId) =>
        store.Memberships.Find(m => m.RoomId == roomId).Select(m => m.PersonId).ToList();

    public IEnumerable<MembershipRecord> MembershipsOf(string personId, long afterSeq) =>
        store.Memberships.Query().Where(m => m.PersonId == personId && m.Seq > afterSeq).OrderBy(m => m.Seq).ToEnumerable();

    public IEnumerable<MembershipRecord> MembershipsIn(string roomId, long afterSeq) =>
        store.Memberships.Query().Where(m => m.RoomId == roomId && m.Seq > afterSeq).OrderBy(m => m.Seq).ToEnumerable();

    /// <summary>Rooms of a team.</summary>
    public IEnumerable<RoomRecord> RoomsInTeam(string teamId) => store.Rooms.Find(r => r.TeamId == teamId);

    /// <summary>Rooms the person is in.</summary>
    public IEnumerable<RoomRecord> RoomsOf(string personId) =>
        store.Memberships.Find(m => m.PersonId == personId)
            .Select(m => store.Rooms.FindById(m.RoomId))
            .OfType<RoomRecord>();

    public RoomRecord CreateRoom(string? id, string title, string type, string creatorId, string ownerId, bool isLocked = false, string? created = null, bool triggered = false)
    {
        var now = WebexTime.Now(clock);
        var room = new RoomRecord
        {
            Id = id ?? WebexIds.New("ROOM"),
            Seq = store.NextResourceSeq(),
            Title = title,
            Type = type,
            IsLocked = isLocked,
            CreatorId = creatorId,
            OwnerId = ownerId,
            Created = created ?? now,
            LastActivity = now,
            Triggered = triggered,
        };
        store.Rooms.Insert(room);
        return room;
    }

    public void SaveRoom(RoomRecord room) => store.Rooms.Update(room);

    /// <summary>Deletes a room with everything in it (Webex has no rooms:deleted event).</summary>
    public void DeleteRoom(string roomId)
    {
        store.Rooms.Delete(roomId);
        store.Messages.DeleteMany(m => m.RoomId == roomId);
        store.Memberships.DeleteMany(m => m.RoomId == roomId);
        store.AttachmentActions.DeleteMany(a => a.RoomId == roomId);
        DeleteContents(Query.EQ("$.metadata.roomId", roomId));
    }

    /// <summary>The 1:1 room of two people, if they already have one.</summary>
    public RoomRecord? DirectRoom(string personA, string personB) =>
        store.Memberships.Find(m => m.PersonId == personA && m.RoomType == "direct")
            .Select(m => m.RoomId)
            .Where(roomId => IsMember(roomId, personB))
            .Select(Room)
            .FirstOrDefault(r => r is not null);

    /// <summary>Adds a member; null when the person already is one. <paramref name="knownAbsent"/> skips the check.</summary>
    public MembershipRecord? AddMember(RoomRecord room, PersonRecord person, bool isModerator = false, string? id = null, string? created = null, bool knownAbsent = false, bool triggered = false)
    {
        if (!knownAbsent && IsMember(room.Id, person.Id)) return null;
        var membership = new MembershipRecord
        {
            Id = id ?? WebexIds.MembershipId(person.Id, room.Id),
            Seq = store.NextResourceSeq(),
            RoomId = room.Id,
            RoomType = room.Type,
            PersonId = person.Id,
            PersonEmail = person.Email,
            PersonDisplayName = person.DisplayName,
            PersonOrgId = person.OrgId,
            IsModerator = isModerator,
            Created = created ?? WebexTime.Now(clock),
            Triggered = triggered,
        };
        return store.TryInsertMembership(membership) ? membership : null; // false: added a moment ago by a concurrent request
    }

    public void SaveMembership(MembershipRecord membership) => store.Memberships.Update(membership);

    public void DeleteMembership(string membershipId) => store.Memberships.Delete(membershipId);

    public MessageRecord? Message(string messageId) => store.Messages.FindById(messageId);

    /// <summary>Messages of a room, newest first, older than the given sequence number.</summary>
    public IEnumerable<MessageRecord> MessagesIn(string roomId, long beforeSeq) =>
        store.Messages.Query().Where(m => m.RoomId == roomId && m.Seq < beforeSeq).OrderByDescending(m => m.Seq).ToEnumerable();

    /// <summary>Every message, newest first, for the emulator's own inspection API.</summary>
    public IEnumerable<MessageRecord> MessagesNewestFirst() => store.Messages.Query().OrderByDescending(m => m.Seq).ToEnumerable();

    public MessageRecord AddMessage(MessageRecord message, RoomRecord room)
    {
        message.Seq = store.NextResourceSeq();
        store.Messages.Upsert(message);
        if (room.LastActivity != message.Created)
        {
            room.LastActivity = message.Created;
            store.Rooms.Update(room);
        }
        return message;
    }

    public void SaveMessage(MessageRecord message) => store.Messages.Update(message);

    /// <summary>A message goes with the files sent with it.</summary>
    public void DeleteMessage(string messageId)
    {
        store.Messages.Delete(messageId);
        DeleteContents(Query.EQ("$.metadata.messageId", messageId));
    }

    private void DeleteContents(BsonExpression which)
    {
        foreach (var file in store.Contents.Find(which).ToList()) store.Contents.Delete(file.Id);
    }

    public AttachmentActionRecord? AttachmentAction(string id) => store.AttachmentActions.FindById(id);

    public void AddAttachmentAction(AttachmentActionRecord action) => store.AttachmentActions.Upsert(action);

    /// <summary>
    /// Deletes what triggered events made before <paramref name="cutoffSeq"/> on the resource counter:
    /// their rooms with everything in them, and their messages and memberships in other rooms. What API
    /// calls made is kept. Returns how many rooms went.
    /// </summary>
    public int PruneTriggered(long cutoffSeq)
    {
        var rooms = store.Rooms.Find(r => r.Triggered && r.Seq < cutoffSeq).Select(r => r.Id).ToList();
        foreach (var roomId in rooms) DeleteRoom(roomId);
        store.Messages.DeleteMany(m => m.Triggered && m.Seq < cutoffSeq);
        store.Memberships.DeleteMany(m => m.Triggered && m.Seq < cutoffSeq);
        store.People.DeleteMany(p => p.Triggered && p.Seq < cutoffSeq);
        return rooms.Count;
    }
}
