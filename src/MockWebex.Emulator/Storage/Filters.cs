using LiteDB;

namespace MockWebex.Storage;

/// <summary>
/// Query filters with their values passed as parameters. LiteDB's own <c>Query.EQ</c>, <c>Query.Between</c> and
/// <c>Query.In</c> write the value into the expression's text, and LiteDB compiles each distinct text once and keeps
/// it forever in a static cache: every new room, person or cursor cost a compile (1.7–2.4 ms measured, LiteDB 5.0.21)
/// and a cache entry that was never freed. With parameters the text is the same for every value: compiled once.
/// </summary>
internal static class Filters
{
    public static BsonExpression Eq(string field, BsonValue value) => BsonExpression.Create($"{field} = @0", value);

    public static BsonExpression Between(string field, BsonValue first, BsonValue last) =>
        BsonExpression.Create($"{field} BETWEEN @0 AND @1", first, last);

    public static BsonExpression Greater(string field, BsonValue value) => BsonExpression.Create($"{field} > @0", value);

    public static BsonExpression In(string field, IEnumerable<BsonValue> values) => BsonExpression.Create($"{field} IN @0", new BsonArray(values));
}
