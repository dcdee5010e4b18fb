using System.Globalization;

namespace MockWebex.Storage;

/// <summary>
/// Composite index keys as sortable strings (LiteDB indexes one value per key): an owner id, then a position or a
/// second id. A range over one owner's keys reads exactly one page of that owner's items, in order, however many
/// other items the file holds.
/// </summary>
internal static class OrderKeys
{
    private const char Separator = '|'; // never in a base64 Webex id

    public static string Of(string owner, long seq) => owner + Separator + seq.ToString("D19", CultureInfo.InvariantCulture);

    public static string Of(string owner, string other) => owner + Separator + other;

    /// <summary>Every key of <paramref name="owner"/> sorts between these two.</summary>
    public static (string First, string Last) RangeOf(string owner) => (owner + Separator, owner + (char)(Separator + 1));

    /// <summary>Keys of <paramref name="owner"/> with a position from <paramref name="fromSeq"/> to <paramref name="toSeq"/>.</summary>
    public static (string First, string Last) RangeOf(string owner, long fromSeq, long toSeq) => (Of(owner, Math.Max(0, fromSeq)), Of(owner, Math.Max(0, toSeq)));

    /// <summary>A 1:1 room's two members in a fixed order, so either can look the room up.</summary>
    public static string Pair(string personA, string personB) =>
        string.CompareOrdinal(personA, personB) < 0 ? Of(personA, personB) : Of(personB, personA);
}
