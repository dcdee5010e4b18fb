using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using MockWebex.Tests.Infrastructure;

namespace MockWebex.Tests.Api;

public sealed class PersistenceAndServeTests
{
    [Theory]
    [InlineData("false", "false")]
    [InlineData("true", "true")]
    [InlineData("false", "true")] // either setting opens the other's files
    public async Task Restart_SameDataFile_EveryWebhookBackUnchanged(string flushFirst, string flushSecond)
    {
        using var dataFile = new TempDataFile("persist");
        var data = dataFile.Path;
        string before;
        await using (var first = await Emulator.StartAsync(new() { ["Storage:FlushToDisk"] = flushFirst }, dataPath: data))
        {
            var client = first.Client();
            await client.CreateWebhookAsync(new { name = "a", targetUrl = "https://e.com/1", resource = "messages", @event = "created", secret = "x", filter = "roomId=r" });
            await client.CreateWebhookAsync(new { name = "b", targetUrl = "https://e.com/2", resource = "rooms", @event = "all" });
            before = await client.GetStringAsync("/v1/webhooks");
        }
        // Closed cleanly, the write-ahead log has gone into the data file: no log file is left beside it.
        Assert.False(File.Exists(dataFile.LogPath));

        await using var second = await Emulator.StartAsync(new() { ["Storage:FlushToDisk"] = flushSecond }, dataPath: data);
        var after = await second.Client().GetStringAsync("/v1/webhooks");
        Assert.Equal(before, after);
        Assert.Equal(2, JsonNode.Parse(after)!["items"]!.AsArray().Count);
        // New webhooks continue the order after the restored ones.
        await second.Client().CreateWebhookAsync(new { name = "c", targetUrl = "https://e.com/3", resource = "rooms", @event = "created" });
        var names = (await second.Client().GetFromJsonAsync<JsonObject>("/v1/webhooks"))!["items"]!.AsArray().Select(i => i!["name"]!.GetValue<string>());
        Assert.Equal(["a", "b", "c"], names);
    }

    /// <summary>
    /// The resource counter (rooms, memberships, messages, people) goes on from the file's highest value after a restart:
    /// lists order by it, so a counter that started again would list a new message below older ones.
    /// </summary>
    [Fact]
    public async Task Restart_NewRoomsAndMessagesListAfterTheStoredOnes()
    {
        using var dataFile = new TempDataFile("persist-resources");
        string roomId;
        await using (var first = await Emulator.StartAsync(dataPath: dataFile.Path))
        {
            var alice = first.Client("alice-token");
            roomId = (await alice.PostWebexAsync("/v1/rooms", new { title = "before" }).OkAsync())["id"]!.ToString();
            foreach (var text in new[] { "one", "two" }) await alice.PostWebexAsync("/v1/messages", new { roomId, text }).OkAsync();
        }

        await using var second = await Emulator.StartAsync(dataPath: dataFile.Path);
        var client = second.Client("alice-token");
        await client.PostWebexAsync("/v1/messages", new { roomId, text = "three" }).OkAsync();
        await client.PostWebexAsync("/v1/rooms", new { title = "after" }).OkAsync();
        var messages = (await client.GetWebexAsync($"/v1/messages?roomId={roomId}").OkAsync())["items"]!.AsArray();
        Assert.Equal(["three", "two", "one"], messages.Select(m => m!["text"]!.ToString()));
        var rooms = (await client.GetWebexAsync("/v1/rooms").OkAsync())["items"]!.AsArray();
        Assert.Equal(["before", "after"], rooms.Select(r => r!["title"]!.ToString()));
    }

    [Fact]
    public async Task ALogPastItsLimit_IsCopiedIntoTheFileInTheBackground_AndNothingIsLost()
    {
        using var dataFile = new TempDataFile("persist-checkpoint");
        const int limitPages = 4;
        var ids = new List<string>();
        await using (var emulator = await Emulator.StartAsync(new() { ["Storage:CheckpointPages"] = $"{limitPages}" }, dataPath: dataFile.Path))
        {
            var client = emulator.Client();
            // One commit each, a few log pages each: together many times the limit.
            for (var i = 0; i < 60; i++)
                ids.Add((await client.CreateWebhookAsync(new { name = $"w{i}", targetUrl = $"https://e.com/{i}", resource = "rooms", @event = "created" }))["id"]!.ToString());
            // The copy runs beside the requests (no commit waits for it); after the last one the log is back under the limit.
            await FileShrinksToAsync(dataFile.LogPath, limitPages * 8192L, TimeSpan.FromSeconds(30));
        }
        // Closed: the file's header has LiteDB's own checkpoint setting back, so LiteDB itself (or an older mockwebex) copies its log.
        using (var file = new LiteDB.LiteDatabase(dataFile.Path)) Assert.Equal(1000, file.Pragma("CHECKPOINT").AsInt32);

        await using var again = await Emulator.StartAsync(dataPath: dataFile.Path);
        var listed = (await again.Client().GetFromJsonAsync<JsonObject>("/v1/webhooks?max=100"))!["items"]!.AsArray().Select(w => w!["id"]!.ToString());
        Assert.Equal(ids, listed);
    }

    /// <summary>Waits, on the file's change notifications (re-checked each second in case one is missed), until it is at most <paramref name="bytes"/> long.</summary>
    private static async Task FileShrinksToAsync(string path, long bytes, TimeSpan limit)
    {
        using var watcher = new FileSystemWatcher(Path.GetDirectoryName(path)!, Path.GetFileName(path)) { NotifyFilter = NotifyFilters.Size | NotifyFilters.LastWrite };
        var changed = new SemaphoreSlim(0);
        watcher.Changed += (_, _) => changed.Release();
        watcher.EnableRaisingEvents = true;
        var deadline = DateTime.UtcNow + limit;
        long Length() => new FileInfo(path) is { Exists: true } file ? file.Length : 0;
        while (Length() > bytes)
        {
            Assert.True(DateTime.UtcNow < deadline, $"{path} is still {Length()} bytes, more than {bytes}");
            await changed.WaitAsync(TimeSpan.FromSeconds(1));
        }
    }

    [Fact]
    public async Task AFileWithWebhooksKeyedByTheirWebexId_IsReKeyedWhenOpened()
    {
        using var dataFile = new TempDataFile("persist-rekey");
        string before, firstId;
        await using (var first = await Emulator.StartAsync(dataPath: dataFile.Path))
        {
            var client = first.Client();
            firstId = (await client.CreateWebhookAsync(new { name = "a", targetUrl = "https://e.com/1", resource = "messages", @event = "created", secret = "x" }))["id"]!.ToString();
            await client.CreateWebhookAsync(new { name = "b", targetUrl = "https://e.com/2", resource = "rooms", @event = "all" });
            await client.CreateWebhookAsync(new { name = "c", targetUrl = "https://e.com/3", resource = "rooms", @event = "created" });
            before = await client.GetStringAsync("/v1/webhooks");
        }

        // What an earlier version wrote: each webhook keyed by its Webex id with Seq as a field, UserVersion 1.
        using (var old = new LiteDB.LiteDatabase(dataFile.Path))
        {
            var webhooks = old.GetCollection("webhooks");
            var documents = webhooks.FindAll().ToList();
            Assert.Equal(3, documents.Count);
            webhooks.DeleteAll();
            foreach (var document in documents)
            {
                document["Seq"] = document["_id"];
                document["_id"] = document["Id"];
                document.Remove("Id");
                webhooks.Insert(document);
            }
            old.UserVersion = 1;
        }

        await using (var second = await Emulator.StartAsync(dataPath: dataFile.Path))
        {
            var client = second.Client();
            Assert.Equal(before, await client.GetStringAsync("/v1/webhooks"));
            // Writes find the re-keyed documents: an update and a delete last across another restart.
            await client.PutWebexAsync($"/v1/webhooks/{firstId}", new { name = "a2", targetUrl = "https://e.com/1" }).OkAsync();
            var secondId = JsonNode.Parse(before)!["items"]![1]!["id"]!.ToString();
            Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"/v1/webhooks/{secondId}")).StatusCode);
            await client.CreateWebhookAsync(new { name = "d", targetUrl = "https://e.com/4", resource = "rooms", @event = "created" });
        }

        await using var third = await Emulator.StartAsync(dataPath: dataFile.Path);
        var names = (await third.Client().GetFromJsonAsync<JsonObject>("/v1/webhooks"))!["items"]!.AsArray().Select(i => i!["name"]!.GetValue<string>());
        Assert.Equal(["a2", "c", "d"], names);
    }

    /// <summary>
    /// Rooms written before the sorted lists had their own keys get them when the file is opened: with more rooms than a
    /// sorted page reads whole, the page comes from the index of those keys, and misses no room.
    /// </summary>
    [Fact]
    public async Task AFileWithRoomsWithoutSortKeys_ListsThemSortedWhenOpened()
    {
        using var dataFile = new TempDataFile("persist-sortkeys");
        List<string> newestFirst;
        // A clock that moves only when told: the message must come after the last room, not in the same millisecond
        // (a tie on time goes to the newer room, which put room 299 first once).
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(DateTimeOffset.Parse("2026-01-01T00:00:00Z"));
        await using (var first = await Emulator.StartAsync(dataPath: dataFile.Path, services: s => s.AddSingleton<TimeProvider>(clock)))
        {
            var alice = first.Client("alice-token");
            var ids = new List<string>();
            for (var i = 0; i < 300; i++) ids.Add((await alice.PostWebexAsync("/v1/rooms", new { title = $"room {i}" }).OkAsync())["id"]!.ToString());
            clock.Advance(TimeSpan.FromSeconds(1));
            await alice.PostWebexAsync("/v1/messages", new { roomId = ids[10], text = "busy" }).OkAsync();
            newestFirst = [ids[10], .. Enumerable.Reverse(ids).Where(id => id != ids[10])];
        }

        // What an earlier version wrote: rooms without the two keys or their indexes, UserVersion 4.
        using (var old = new LiteDB.LiteDatabase(dataFile.Path))
        {
            var rooms = old.GetCollection("rooms");
            rooms.DropIndex("ActivityOrder");
            rooms.DropIndex("CreatedOrder");
            var documents = rooms.FindAll().ToList();
            Assert.Equal(300, documents.Count(d => d.ContainsKey("ActivityOrder")));
            foreach (var document in documents)
            {
                document.Remove("ActivityOrder");
                document.Remove("CreatedOrder");
            }
            rooms.Update(documents);
            old.UserVersion = 4;
        }

        await using var second = await Emulator.StartAsync(dataPath: dataFile.Path);
        var sorted = new List<string>();
        await foreach (var page in second.Client("alice-token").PagesAsync("/v1/rooms?sortBy=lastactivity&max=100"))
            sorted.AddRange(page.Items.Select(i => i!["id"]!.ToString()));
        Assert.Equal(newestFirst, sorted);
    }

    [Fact]
    public async Task ServeCommand_DataFileInUse_ExitsWithAClearError()
    {
        using var dataFile = new TempDataFile("busy");
        var data = dataFile.Path;
        await using var running = await Emulator.StartAsync(dataPath: data);
        var (exit, output) = await CliProcess.RunAsync("serve", "--port", "0", "--data", data);
        Assert.Equal(2, exit);
        Assert.StartsWith($"error: cannot open the data file {data}", output.Trim());
        Assert.Single(output.Trim().Split('\n'));
    }

    [Fact]
    public async Task ServeCommand_PortZero_PrintsUrlAndPersistsToDataFile()
    {
        using var dataFile = new TempDataFile("serve");
        var data = dataFile.Path;
        string id;
        await using (var serve = CliProcess.Start("serve", "--port", "0", "--data", data))
        {
            var url = await serve.WaitForUrlAsync();
            using var client = new HttpClient { BaseAddress = new Uri(url) };
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz")).StatusCode);
            client.DefaultRequestHeaders.Authorization = new("Bearer", "cli-user");
            id = (await client.CreateWebhookAsync(new { name = "n", targetUrl = "https://e.com", resource = "messages", @event = "created" }))["id"]!.GetValue<string>();
        }
        Assert.True(File.Exists(data));

        await using var again = CliProcess.Start("serve", "--port", "0", "--data", data);
        using var client2 = new HttpClient { BaseAddress = new Uri(await again.WaitForUrlAsync()) };
        client2.DefaultRequestHeaders.Authorization = new("Bearer", "cli-user");
        Assert.Equal(HttpStatusCode.OK, (await client2.GetAsync($"/v1/webhooks/{id}")).StatusCode);
    }
}
