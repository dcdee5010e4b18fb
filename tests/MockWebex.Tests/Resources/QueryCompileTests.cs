using System.Collections;
using System.Reflection;
using LiteDB;
using MockWebex.Tests.Infrastructure;

namespace MockWebex.Tests.Resources;

/// <summary>
/// Reads of new rooms, people and cursors reuse LiteDB's compiled queries. LiteDB compiles each distinct query text
/// once and keeps it for the life of the process; a value written into the text (its Query.EQ, Between, In) made
/// every new room a compile of milliseconds and a cache entry never freed.
/// </summary>
public sealed class QueryCompileTests
{
    [Fact]
    public async Task ReadingHundredsOfDifferentRooms_CompilesNoQueryPerRoom()
    {
        await using var emulator = await Emulator.StartAsync();
        var alice = emulator.Client("alice-token");
        var rooms = new List<string>();
        for (var i = 0; i < 150; i++)
            rooms.Add((await alice.PostWebexAsync("/v1/rooms", new { title = $"room {i}" }).OkAsync())["id"]!.ToString());
        await alice.PostWebexAsync("/v1/messages", new { roomId = rooms[0], text = "first" }).OkAsync();

        var before = CompiledQueries();
        foreach (var room in rooms)
        {
            await alice.GetWebexAsync($"/v1/memberships?roomId={room}").OkAsync();
            await alice.GetWebexAsync($"/v1/messages?roomId={room}").OkAsync();
        }
        var added = CompiledQueries() - before;

        // 300 reads of 150 rooms: one compile per room and read would add 300 or more. Other tests running at the
        // same time compile their own first queries, so the bound leaves room for those.
        Assert.True(added < 150, $"{added} queries compiled for 300 reads of 150 rooms");
    }

    /// <summary>How many compiled expressions LiteDB holds (its static caches, private in LiteDB 5.0.21).</summary>
    private static int CompiledQueries() =>
        new[] { "_cacheScalar", "_cacheEnumerable" }.Sum(name =>
            (typeof(BsonExpression).GetField(name, BindingFlags.NonPublic | BindingFlags.Static)?.GetValue(null) as ICollection)?.Count
            ?? throw new InvalidOperationException($"LiteDB has no {name} cache any more: see what this test counts"));
}
