using MockWebex.Resources;

namespace MockWebex.Storage;

/// <summary>A sort of <c>/v1/rooms?sortBy=…</c>: the rooms' index it walks (if it has one), in which direction, and a room's key in it (a page's cursor).</summary>
public sealed class RoomSort
{
    /// <summary>By id, as text. Without an index (see WebexStore): a page sorts all of the caller's rooms.</summary>
    public static readonly RoomSort Id = new(indexed: null, descending: false, r => r.Id);

    /// <summary>Most recent activity first, like the Webex app.</summary>
    public static readonly RoomSort LastActivity = new(nameof(RoomRecord.ActivityOrder), descending: true, r => r.ActivityOrder);

    /// <summary>Newest first.</summary>
    public static readonly RoomSort Created = new(nameof(RoomRecord.CreatedOrder), descending: true, r => r.CreatedOrder);

    /// <summary>The sort a <c>sortBy</c> value names; null for none of Webex's.</summary>
    public static RoomSort? Named(string sortBy) => sortBy switch
    {
        "id" => Id,
        "lastactivity" => LastActivity,
        "created" => Created,
        _ => null,
    };

    private RoomSort(string? indexed, bool descending, Func<RoomRecord, string> keyOf) => (Indexed, Descending, KeyOf) = (indexed, descending, keyOf);

    /// <summary>The field of <see cref="RoomRecord"/> whose index holds this order, read newest key first; null when none does.</summary>
    public string? Indexed { get; }

    public bool Descending { get; }

    public Func<RoomRecord, string> KeyOf { get; }

    /// <summary>Whether <paramref name="room"/> comes after the room whose key is <paramref name="cursorKey"/> (keys are unique).</summary>
    public bool Follows(RoomRecord room, string cursorKey) => string.CompareOrdinal(KeyOf(room), cursorKey) is var diff && (Descending ? diff < 0 : diff > 0);

    /// <summary>The rooms in this order.</summary>
    public IOrderedEnumerable<RoomRecord> Sort(IEnumerable<RoomRecord> rooms) =>
        Descending ? rooms.OrderByDescending(KeyOf, StringComparer.Ordinal) : rooms.OrderBy(KeyOf, StringComparer.Ordinal);
}
