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
    public RoomRecord? Room(string roomId) => store.Rooms.FindById(OrderKeys.Key(roomId));

    /// <summary>A room the person is a member of; null for others too, as Webex does not reveal rooms you are not in.</summary>
    public RoomRecord? VisibleRoom(string personId, string roomId) => Room(roomId) is { } room && IsMember(room.Id, personId) ? room : null;

    /// <summary>A membership of a room the person is in.</summary>
    public MembershipRecord? VisibleMembership(string personId, string membershipId) =>
        Membership(membershipId) is { } membership && IsMember(membership.RoomId, personId) ? membership : null;

    public MembershipRecord? Membership(string roomId, string personId) =>
        store.Memberships.FindOne(Filters.Eq(nameof(MembershipRecord.RoomPerson), OrderKeys.Of(roomId, personId)));

    public MembershipRecord? Membership(string membershipId) => store.Memberships.FindById(OrderKeys.Key(membershipId));

    public bool IsMember(string roomId, string personId) => Membership(roomId, personId) is not null;

    public bool IsModerator(string roomId, string personId) => Membership(roomId, personId)?.IsModerator == true;

    public IReadOnlyList<string> MemberIds(string roomId) => Members(roomId).Select(m => m.PersonId).ToList();

    /// <summary>A person's memberships in the order they were made, after <paramref name="afterSeq"/>: read a page at a time through their key.</summary>
    public IEnumerable<MembershipRecord> MembershipsOf(string personId, long afterSeq)
    {
        var (first, last) = OrderKeys.RangeOf(personId, afterSeq + 1, long.MaxValue);
        return store.Memberships.Query().Where(Filters.Between(nameof(MembershipRecord.PersonOrder), first, last))
            .OrderBy(nameof(MembershipRecord.PersonOrder)).ToEnumerable();
    }

    /// <summary>A room's memberships in the order they were made (a room's members are read whole: Webex caps a room's size).</summary>
    public IEnumerable<MembershipRecord> MembershipsIn(string roomId, long afterSeq) =>
        Members(roomId).Where(m => m.Seq > afterSeq).OrderBy(m => m.Seq);

    private IEnumerable<MembershipRecord> Members(string roomId)
    {
        var (first, last) = OrderKeys.RangeOf(roomId);
        return store.Memberships.Find(Filters.Between(nameof(MembershipRecord.RoomPerson), first, last));
    }

    /// <summary>Rooms of a team.</summary>
    public IEnumerable<RoomRecord> RoomsInTeam(string teamId) => store.Rooms.Find(r => r.TeamId == teamId);

    /// <summary>
    /// Rooms the person is in, in the order they joined, with the position of each membership (a page's cursor). The rooms
    /// of <see cref="RoomsPerRead"/> memberships are read with one query: a query per room cost more than the rooms
    /// themselves (a page of 100 took ≈5 ms).
    /// </summary>
    public IEnumerable<(long MembershipSeq, RoomRecord Room)> RoomsOf(string personId, long afterMembershipSeq = 0)
    {
        foreach (var memberships in MembershipsOf(personId, afterMembershipSeq).Chunk(RoomsPerRead))
        {
            var ids = memberships.Select(m => m.RoomId).Distinct(StringComparer.Ordinal).Select(id => new BsonValue(OrderKeys.Key(id)));
            var rooms = store.Rooms.Find(Filters.In("_id", ids)).ToDictionary(r => r.Id, StringComparer.Ordinal);
            foreach (var membership in memberships)
                if (rooms.TryGetValue(membership.RoomId, out var room)) yield return (membership.Seq, room);
        }
    }

    /// <summary>A page of rooms (100 by default, plus one to know whether there are more) in one read.</summary>
    private const int RoomsPerRead = 128;

    /// <summary>
    /// Up to <paramref name="count"/> rooms the person is in and <paramref name="wanted"/> accepts, in <paramref name="sort"/>,
    /// after the room whose key is <paramref name="afterKey"/> (null: from the first). Three ways, so that one page reads
    /// neither every room of a large file for a person in a few of them, nor every room of a person in most of them:
    /// <list type="bullet">
    /// <item>a person in at most <see cref="SortWholeUpTo"/> rooms, or a sort without an index, has them read and sorted;</item>
    /// <item>otherwise the sort's index is walked from the cursor, <see cref="WalkBudget"/> rooms at most, with one query
    /// for the person's memberships per <see cref="RoomsPerRead"/> rooms;</item>
    /// <item>a walk that does not fill the page within that (the person's rooms are few among many) reads and sorts all of
    /// the person's rooms, as every sorted page did before: no worse than that by more than the walk.</item>
    /// </list>
    /// </summary>
    public List<RoomRecord> SortedRoomsOf(string personId, RoomSort sort, string? afterKey, Func<RoomRecord, bool> wanted, int count)
    {
        bool OnPage(RoomRecord room) => wanted(room) && (afterKey is null || sort.Follows(room, afterKey));
        List<RoomRecord> SortWhole() => sort.Sort(RoomsOf(personId).Select(x => x.Room).Where(OnPage)).Take(count).ToList();

        if (sort.Indexed is not { } field || MembershipsOf(personId, 0).Take(SortWholeUpTo + 1).Count() <= SortWholeUpTo) return SortWhole();
        var page = new List<RoomRecord>(count);
        var walked = 0;
        foreach (var rooms in Walk(field, afterKey).Take(WalkBudget).Chunk(RoomsPerRead))
        {
            walked += rooms.Length;
            var keys = rooms.Select(r => new BsonValue(OrderKeys.Of(r.Id, personId)));
            var mine = store.Memberships.Find(Filters.In(nameof(MembershipRecord.RoomPerson), keys)).Select(m => m.RoomId).ToHashSet(StringComparer.Ordinal);
            foreach (var room in rooms)
            {
                if (!mine.Contains(room.Id) || !OnPage(room)) continue;
                page.Add(room);
                if (page.Count == count) return page;
            }
        }
        return walked < WalkBudget ? page : SortWhole(); // the index ran out: the page is complete
    }

    /// <summary>
    /// Every room from the cursor on, newest key first (as both indexed orders are), through the index on
    /// <paramref name="field"/>: a range that ends at the cursor, so a later page does not pass the earlier ones.
    /// </summary>
    private IEnumerable<RoomRecord> Walk(string field, string? afterKey)
    {
        var rooms = store.Rooms.Query();
        // "" is below every key; LiteDB turns a bound of BsonValue.MinValue into a comparison it answers by scanning the
        // whole index.
        if (afterKey is not null) rooms = rooms.Where(Filters.Between(field, "", afterKey));
        return rooms.OrderByDescending(field).ToEnumerable();
    }

    /// <summary>A person in this many rooms or fewer has a sorted page computed from all of them (≈ 20 µs a room).</summary>
    private const int SortWholeUpTo = 256;

    /// <summary>How many rooms a sorted page walks through the index before it reads the person's rooms instead.</summary>
    private const int WalkBudget = 2_048;

    /// <param name="directPair">A new 1:1 room's two members, so <see cref="DirectRoom"/> finds it (whoever creates one says who they are).</param>
    public RoomRecord CreateRoom(string? id, string title, string type, string creatorId, string ownerId, bool isLocked = false, string? created = null, bool triggered = false,
        (string PersonA, string PersonB)? directPair = null)
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
            DirectPair = directPair is var (a, b) ? OrderKeys.Pair(a, b) : null,
        };
        store.Rooms.Insert(room);
        return room;
    }

    public void SaveRoom(RoomRecord room) => store.Rooms.Update(room);

    /// <summary>Deletes a room with everything in it (Webex has no rooms:deleted event).</summary>
    public void DeleteRoom(string roomId) => DeleteRooms([roomId]);

    /// <summary>
    /// Deletes rooms with everything in them: their messages and memberships through each room's key range, their card
    /// submissions and files with one query for all (those have no index by room, so one query per room read them all
    /// once per room).
    /// </summary>
    private void DeleteRooms(IReadOnlyList<string> roomIds)
    {
        if (roomIds.Count == 0) return;
        store.Rooms.DeleteMany(Filters.In("_id", roomIds.Select(id => new BsonValue(OrderKeys.Key(id)))));
        var ids = roomIds.Select(id => new BsonValue(id)).ToList();
        foreach (var roomId in roomIds)
        {
            var (first, last) = OrderKeys.RangeOf(roomId);
            store.Messages.DeleteMany(Filters.Between(nameof(MessageRecord.RoomOrder), first, last));
            store.Memberships.DeleteMany(Filters.Between(nameof(MembershipRecord.RoomPerson), first, last));
        }
        store.AttachmentActions.DeleteMany(Filters.In(nameof(AttachmentActionRecord.RoomId), ids));
        DeleteContents(Filters.In("$.metadata.roomId", ids));
    }

    /// <summary>The 1:1 room of two people, if they already have one.</summary>
    public RoomRecord? DirectRoom(string personA, string personB) =>
        store.Rooms.FindOne(Filters.Eq(nameof(RoomRecord.DirectPair), OrderKeys.Pair(personA, personB)));

    /// <summary>Adds a member; null when the person already is one. <paramref name="knownAbsent"/> skips the check.</summary>
    public MembershipRecord? AddMember(RoomRecord room, PersonRecord person, bool isModerator = false, string? id = null, string? created = null, bool knownAbsent = false, bool triggered = false)
    {
        if (!knownAbsent && IsMember(room.Id, person.Id)) return null;
        var seq = store.NextResourceSeq();
        var membership = new MembershipRecord
        {
            Id = id ?? WebexIds.MembershipId(person.Id, room.Id),
            Seq = seq,
            PersonOrder = OrderKeys.Of(person.Id, seq),
            RoomPerson = OrderKeys.Of(room.Id, person.Id),
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

    public void DeleteMembership(string membershipId) => store.Memberships.Delete(OrderKeys.Key(membershipId));

    public MessageRecord? Message(string messageId) => store.Messages.FindById(OrderKeys.Key(messageId));

    /// <summary>Messages of a room, newest first, older than the given sequence number: read a page at a time through the room's key.</summary>
    public IEnumerable<MessageRecord> MessagesIn(string roomId, long beforeSeq)
    {
        var (first, last) = OrderKeys.RangeOf(roomId, 0, beforeSeq - 1);
        return store.Messages.Query().Where(Filters.Between(nameof(MessageRecord.RoomOrder), first, last))
            .OrderByDescending(nameof(MessageRecord.RoomOrder)).ToEnumerable();
    }

    /// <summary>Every message, newest first, for the emulator's own inspection API.</summary>
    public IEnumerable<MessageRecord> MessagesNewestFirst() => store.Messages.Query().OrderByDescending(m => m.Seq).ToEnumerable();

    public MessageRecord AddMessage(MessageRecord message, RoomRecord room)
    {
        message.Seq = store.NextResourceSeq();
        message.RoomOrder = OrderKeys.Of(message.RoomId, message.Seq);
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
        store.Messages.Delete(OrderKeys.Key(messageId));
        DeleteContents(Filters.Eq("$.metadata.messageId", messageId));
    }

    private void DeleteContents(BsonExpression which)
    {
        foreach (var file in store.Contents.Find(which).ToList()) store.Contents.Delete(file.Id);
    }

    public AttachmentActionRecord? AttachmentAction(string id) => store.AttachmentActions.FindById(id);

    public void AddAttachmentAction(AttachmentActionRecord action) => store.AttachmentActions.Upsert(action);

    /// <summary>
    /// Deletes part of what triggered events made before <paramref name="cutoffSeq"/> on the resource counter: of each
    /// kind, the next <paramref name="limit"/> documents from where <paramref name="progress"/> says the round got to are
    /// read through their Seq index, and the triggered ones go (a room with everything in it). What API calls made is
    /// kept. Returns how many documents were read; the caller repeats, each part its own transaction, until none are.
    /// Before, each part scanned every document of a kind for the triggered ones: a backlog of 100k took minutes.
    /// </summary>
    internal int PruneTriggered(long cutoffSeq, int limit, PruneProgress progress)
    {
        var rooms = NextPart(store.Rooms, ref progress.Rooms, cutoffSeq, limit, r => r.Seq);
        DeleteRooms(rooms.Where(r => r.Triggered).Select(r => r.Id).ToList());
        var messages = NextPart(store.Messages, ref progress.Messages, cutoffSeq, limit, m => m.Seq);
        DeleteIds(store.Messages, messages.Where(m => m.Triggered).Select(m => m.Key));
        var memberships = NextPart(store.Memberships, ref progress.Memberships, cutoffSeq, limit, m => m.Seq);
        DeleteIds(store.Memberships, memberships.Where(m => m.Triggered).Select(m => m.Key));
        var people = NextPart(store.People, ref progress.People, cutoffSeq, limit, p => p.Seq);
        DeleteIds(store.People, people.Where(p => p.Triggered).Select(p => p.Key));
        return rooms.Count + messages.Count + memberships.Count + people.Count;
    }

    /// <summary>
    /// Up to <paramref name="limit"/> documents with <paramref name="fromSeq"/> ≤ Seq &lt; <paramref name="cutoffSeq"/>, in
    /// Seq order; <paramref name="fromSeq"/> moves past them, so the next part starts after the last one read.
    /// </summary>
    private static List<T> NextPart<T>(ILiteCollection<T> collection, ref long fromSeq, long cutoffSeq, int limit, Func<T, long> seqOf)
    {
        if (fromSeq >= cutoffSeq) return [];
        var part = collection.Query().Where(Filters.Between("Seq", fromSeq, cutoffSeq - 1)).OrderBy("Seq").Limit(limit).ToList();
        if (part.Count > 0) fromSeq = seqOf(part[^1]) + 1;
        return part;
    }

    private static int DeleteIds<T>(ILiteCollection<T> collection, IEnumerable<string> documentKeys)
    {
        var keys = documentKeys.Select(key => new BsonValue(key)).ToList();
        return keys.Count == 0 ? 0 : collection.DeleteMany(Filters.In("_id", keys));
    }
}
