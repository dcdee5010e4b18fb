using System.Globalization;
using System.IO.Hashing;
using System.Text;

namespace MockWebex.Storage;

/// <summary>
/// Composite index keys as sortable strings (LiteDB indexes one value per key): an owner id, then a position or a
/// second id. A range over one owner's keys reads exactly one page of that owner's items, in order, however many
/// other items the file holds.
/// </summary>
/// <remarks>
/// Ids enter a key as a 16-character digest, not whole: a Webex id is ≈ 76 characters, so a membership's room-and-person
/// key was ≈ 150. LiteDB reads and compares the key of every index node an insert or a seek passes, and keys this long
/// also filled more index pages; with digests the storage work of a triggered rooms.created event fell by ≈ 15 %
/// (scripts/bench.sh lane, timed inside the transaction). Keys are only compared, never read back as ids. Two ids
/// share a digest with odds of about 2⁻⁹⁶ per pair.
/// </remarks>
internal static class OrderKeys
{
    private const char Separator = '|'; // never in a base64 digest

    public static string Of(string owner, long seq) => Digest(owner) + Separator + seq.ToString("D19", CultureInfo.InvariantCulture);

    public static string Of(string owner, string other) => Digest(owner) + Separator + Digest(other);

    /// <summary>Every key of <paramref name="owner"/> sorts between these two.</summary>
    public static (string First, string Last) RangeOf(string owner)
    {
        var digest = Digest(owner);
        return (digest + Separator, digest + (char)(Separator + 1));
    }

    /// <summary>Keys of <paramref name="owner"/> with a position from <paramref name="fromSeq"/> to <paramref name="toSeq"/>.</summary>
    public static (string First, string Last) RangeOf(string owner, long fromSeq, long toSeq) => (Of(owner, Math.Max(0, fromSeq)), Of(owner, Math.Max(0, toSeq)));

    /// <summary>
    /// A Webex timestamp, then a position for ties. Timestamps are ISO strings of one format, so the keys sort by time. The
    /// timestamp is whole, not a digest: these keys are read back, as the cursor of a sorted page.
    /// </summary>
    public static string At(string timestamp, long seq) => timestamp + Separator + seq.ToString("D19", CultureInfo.InvariantCulture);

    /// <summary>A 1:1 room's two members in a fixed order, so either can look the room up.</summary>
    public static string Pair(string personA, string personB) =>
        string.CompareOrdinal(personA, personB) < 0 ? Of(personA, personB) : Of(personB, personA);

    /// <summary>
    /// The document key of a room, membership, message or person: its Webex id's digest. The id itself is a field. An
    /// insert passes ≈ 2 log₂ n _id nodes and decodes each one's key. With whole ids (a membership's is ≈ 110 characters)
    /// a membership insert cost 15–20 % more (LiteDB alone), one lane with resources ran ≈ 6 % slower and a trigger's
    /// added latency was ≈ 15 % higher (scripts/bench.sh lane and latency, alternating runs).
    /// </summary>
    public static string Key(string id) => Digest(id);

    /// <summary>96 bits of the id's XxHash128, base64: 16 characters.</summary>
    private static string Digest(string id)
    {
        Span<byte> hash = stackalloc byte[16];
        XxHash128.Hash(Encoding.UTF8.GetBytes(id), hash);
        return Convert.ToBase64String(hash[..12]);
    }
}
