using LiteDB;
using LiteDB.Engine;
using MockWebex.Storage;
using MockWebex.Tests.Infrastructure;

namespace MockWebex.Tests.Unit;

/// <summary>
/// Every LiteDB call goes through one lock, reads too: LiteDB 5.0.21 can recycle a cached page under a
/// concurrent reader (litedb-org/LiteDB#2817), after which the engine closes itself.
/// </summary>
public sealed class SerializedEngineTests
{
    [Fact]
    public async Task AQueryStartedDuringACommand_RunsAfterItsCommit()
    {
        using var file = new TempDataFile("serialized-engine");
        var engine = new SerializedEngine(file.Path, () => new LiteEngine(new EngineSettings { Filename = file.Path }));
        using var database = new LiteDatabase(engine);
        var items = database.GetCollection("items");
        items.Insert(new BsonDocument { ["_id"] = 1 });
        database.GetCollection("others").Insert(new BsonDocument { ["_id"] = 1 });

        // A transaction belongs to its thread, so the command runs on one thread from start to commit.
        var (finishedBeforeCommit, reader) = await Task.Run(() => CommandWithAConcurrentQuery(engine, database, items));
        // Without the lock the reader runs at once, on LiteDB's snapshot of the last commit, and counts 1.
        Assert.False(finishedBeforeCommit);
        Assert.Equal(1, await reader);
    }

    private static (bool FinishedBeforeCommit, Task<int> Reader) CommandWithAConcurrentQuery(ILiteEngine engine, LiteDatabase database, ILiteCollection<BsonDocument> items)
    {
        database.BeginTrans();
        try
        {
            items.Insert(new BsonDocument { ["_id"] = 2 });
            // Its own thread: a task waited on before it started would run inline, inside this transaction.
            var counted = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
            new Thread(() =>
            {
                using var results = engine.Query("others", new Query());
                var count = 0;
                while (results.Read()) count++;
                counted.SetResult(count);
            }).Start();
            var reader = counted.Task;
            return (reader.Wait(TimeSpan.FromMilliseconds(300)), reader);
        }
        finally
        {
            database.Commit();
        }
    }

    [Fact]
    public async Task AReaderEnumeratedOnAnotherThread_HoldsNoLockBetweenSteps()
    {
        using var database = new LiteDatabase(new SerializedEngine(":memory:", () => new LiteEngine(new EngineSettings { DataStream = new MemoryStream() })));
        var items = database.GetCollection("items");
        for (var i = 1; i <= 3; i++) items.Insert(new BsonDocument { ["_id"] = i });

        using var reader = items.FindAll().GetEnumerator();
        Assert.True(reader.MoveNext());
        // A write on another thread between two steps of the reader goes through.
        await Task.Run(() => items.Insert(new BsonDocument { ["_id"] = 4 })).WaitAsync(TimeSpan.FromSeconds(30));
        var rest = new List<int>();
        while (reader.MoveNext()) rest.Add(reader.Current["_id"].AsInt32);
        Assert.Equal([2, 3], rest);
    }

    [Fact]
    public void TryCheckpoint_WithAReaderOpen_SkipsInsteadOfWaitingForIt()
    {
        using var file = new TempDataFile("serialized-engine");
        var engine = new SerializedEngine(file.Path, () => new LiteEngine(new EngineSettings { Filename = file.Path }));
        using var database = new LiteDatabase(engine);
        database.Pragma("CHECKPOINT", 0);
        var items = database.GetCollection("items");
        for (var i = 1; i <= 3; i++) items.Insert(new BsonDocument { ["_id"] = i });
        Assert.True(new FileInfo(file.LogPath).Length > 0);

        // A reader part-way through holds LiteDB's read transaction: LiteDB's own checkpoint would wait for it (the
        // reader's next step then waits for the lock the checkpoint holds), so the copy is skipped.
        var reader = engine.Query("items", new Query());
        Assert.True(reader.Read());
        Assert.False(engine.TryCheckpoint());
        Assert.True(new FileInfo(file.LogPath).Length > 0);

        while (reader.Read()) { }
        Assert.True(engine.TryCheckpoint());
        Assert.Equal(0, new FileInfo(file.LogPath).Length);
        reader.Dispose();
        Assert.Equal(3, items.Count());
    }
}
