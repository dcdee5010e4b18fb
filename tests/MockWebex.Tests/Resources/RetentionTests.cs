using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using MockWebex.Storage;
using MockWebex.Tests.Infrastructure;

namespace MockWebex.Tests.Resources;

/// <summary>A long run stays bounded: what triggers made is pruned past the retention, what API calls made is kept.</summary>
public sealed class RetentionTests
{
    [Fact]
    public async Task TriggeredResourcesBeyondRetention_Pruned_ApiResourcesAndTheNewestKept()
    {
        await using var receiver = await TestReceiver.StartAsync();
        await using var emulator = await Emulator.StartAsync(new() { ["Storage:ResourceRetention"] = "60", ["Storage:PruneInterval"] = "01:00:00", ["Events:GeneratedActors"] = "5" });
        var alice = emulator.Client("alice-token");
        var apiRoom = (await alice.PostWebexAsync("/v1/rooms", new { title = "made by the API" }).OkAsync())["id"]!.ToString();
        await alice.PostWebexAsync("/v1/messages", new { roomId = apiRoom, text = "keep me" }).OkAsync();
        await alice.CreateWebhookAsync(new { name = "r", targetUrl = receiver.Url, resource = "messages", @event = "created" });
        var first = await emulator.TriggerAsync(new { resource = "messages", @event = "created", data = new { roomType = "group" } });
        for (var i = 0; i < 5; i++) await emulator.TriggerAsync(new { resource = "messages", @event = "created", count = 20 });
        var last = await emulator.TriggerAsync(new { resource = "messages", @event = "created" });

        emulator.Service<RetentionService>().PruneOnce();

        var oldRoom = first["events"]![0]!["data"]!["roomId"]!.ToString();
        var newest = last["events"]![0]!["data"]!;
        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await alice.GetWebexAsync($"/v1/rooms/{oldRoom}")).Status);
        // The made-up actors are a bounded set that acts again and again: kept, however old.
        await alice.GetWebexAsync($"/v1/people/{first["events"]![0]!["actorId"]}").OkAsync();
        Assert.Equal("made by the API", (await alice.GetWebexAsync($"/v1/rooms/{apiRoom}").OkAsync())["title"]!.ToString());
        Assert.Equal("keep me", (await alice.GetWebexAsync($"/v1/messages?roomId={apiRoom}").OkAsync())["items"]![0]!["text"]!.ToString());
        // The newest event is whole: its message, room and actor can be fetched, the actor as the delivery named it.
        Assert.Equal(newest["personEmail"]!.ToString(), (await alice.GetWebexAsync($"/v1/people/{newest["personId"]}").OkAsync())["emails"]![0]!.ToString());
        await alice.GetWebexAsync($"/v1/messages/{newest["id"]}").OkAsync();
        var store = emulator.Service<WebexStore>();
        Assert.True(store.Rooms.Count() <= 60, $"{store.Rooms.Count()} rooms left");
        Assert.True(store.People.Count() <= 60 + 5, $"{store.People.Count()} people left");
    }

    [Fact]
    public async Task ABacklogLargerThanOnePart_IsPrunedWhole()
    {
        await using var emulator = await StartKeeping100Async();
        // One trigger (a trigger prunes before it stores, never while): the backlog is all of it.
        await emulator.TriggerAsync(new { resource = "messages", @event = "created", count = 750, data = new { roomType = "group" } });
        var store = emulator.Service<WebexStore>();
        Assert.True(store.Rooms.Count() > RetentionService.PruneBatch + 100, $"only {store.Rooms.Count()} rooms to prune");

        emulator.Service<RetentionService>().PruneOnce();

        Assert.True(store.Rooms.Count() <= 100, $"{store.Rooms.Count()} rooms left");
        Assert.True(store.Messages.Count() <= 100, $"{store.Messages.Count()} messages left");
        Assert.True(store.People.Count() <= 100 + 5, $"{store.People.Count()} people left");
    }

    [Fact]
    public async Task ApiMessagesOlderThanTheBacklog_AreKept_AndTheBacklogStillGoes()
    {
        // 600 API messages come first on the resource counter, more than one part: every part after the first
        // must go on past them to the triggered ones rather than read them again, and none of them is deleted.
        await using var emulator = await StartKeeping100Async();
        var alice = emulator.Client("alice-token");
        var apiRoom = await PostKeptMessagesAsync(alice, 600);
        await emulator.TriggerAsync(new { resource = "messages", @event = "created", count = 750, data = new { roomType = "group" } });

        emulator.Service<RetentionService>().PruneOnce();

        var store = emulator.Service<WebexStore>();
        Assert.Equal(600, (await alice.GetWebexAsync($"/v1/messages?roomId={apiRoom}&max=1000").OkAsync())["items"]!.AsArray().Count);
        Assert.True(store.Messages.Count() <= 600 + 100, $"{store.Messages.Count()} messages left");
        Assert.True(store.Rooms.Count() <= 1 + 100, $"{store.Rooms.Count()} rooms left");
    }

    [Fact]
    public async Task KeptApiMessages_ReadByOneRound_NotByEveryRoundAfter()
    {
        // Rounds run every 10 s by default. Each started from the beginning of the counter and read every kept document
        // again: 1.0–1.4 s a round with 100k API-made rooms and messages. A round now starts where the last one stopped.
        await using var emulator = await StartKeeping100Async();
        var alice = emulator.Client("alice-token");
        var apiRoom = await PostKeptMessagesAsync(alice, 300);
        await emulator.TriggerAsync(new { resource = "messages", @event = "created", count = 100, data = new { roomType = "group" } });
        // The trigger ran a round first (it had made more than half the retention again), and this one reads what it stored.
        var retention = emulator.Service<RetentionService>();
        retention.PruneOnce();

        await emulator.TriggerAsync(new { resource = "messages", @event = "created", count = 20, data = new { roomType = "group" } });
        var read = retention.PruneOnce().ResourcesRead;

        Assert.InRange(read, 1, 299); // what came since, not the 300 kept messages (below the cutoff) again
        var store = emulator.Service<WebexStore>();
        Assert.True(store.Rooms.Count() <= 1 + 100, $"{store.Rooms.Count()} rooms left");
        Assert.Equal(300, (await alice.GetWebexAsync($"/v1/messages?roomId={apiRoom}&max=1000").OkAsync())["items"]!.AsArray().Count);
    }

    [Fact]
    public async Task AfterAReset_RoundsPruneFromTheStartAgain()
    {
        // A reset starts the resource counter again; a round that went on from where it stopped before would never read
        // what is made after the reset below that point.
        await using var emulator = await StartKeeping100Async();
        var retention = emulator.Service<RetentionService>();
        await emulator.TriggerAsync(new { resource = "messages", @event = "created", count = 300, data = new { roomType = "group" } });
        retention.PruneOnce();
        await emulator.Client(null).PostAsync("/_emulator/reset", HttpJson.Empty());

        await emulator.TriggerAsync(new { resource = "messages", @event = "created", count = 300, data = new { roomType = "group" } });
        var store = emulator.Service<WebexStore>();
        Assert.True(store.Rooms.Count() > 200, $"only {store.Rooms.Count()} rooms to prune");
        retention.PruneOnce();

        Assert.True(store.Rooms.Count() <= 100, $"{store.Rooms.Count()} rooms left");
        Assert.True(store.Messages.Count() <= 100, $"{store.Messages.Count()} messages left");
    }

    [Fact]
    public async Task TriggersFasterThanTheTimer_StillStayWithinTheRetention()
    {
        // No timed round in this test (an hour apart): triggers themselves run one when they have made half the
        // retention again, so 500 events (about 1,500 resources) leave at most 1.5× of 100 plus one trigger's worth.
        await using var emulator = await StartKeeping100Async();
        for (var i = 0; i < 10; i++) await emulator.TriggerAsync(new { resource = "messages", @event = "created", count = 50, data = new { roomType = "group" } });

        var store = emulator.Service<WebexStore>();
        Assert.True(store.Rooms.Count() <= (150 + 150) / 3 + 50, $"{store.Rooms.Count()} of 500 rooms left");
        Assert.True(store.Messages.Count() <= (150 + 150) / 3 + 50, $"{store.Messages.Count()} of 500 messages left");
    }

    [Fact]
    public async Task PendingDeliveriesOlderThanTheMaximumAge_Dropped()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var hang = new TaskCompletionSource<int>();
        await using var receiver = await TestReceiver.StartAsync();
        receiver.Respond = _ => hang.Task;
        await using var emulator = await Emulator.StartAsync(new() { ["Delivery:PendingMaxAge"] = "00:10:00", ["Storage:PruneInterval"] = "01:00:00" },
            s => s.AddSingleton<TimeProvider>(clock));
        await emulator.Client().CreateWebhookAsync(new { name = "stuck", targetUrl = receiver.Url, resource = "messages", @event = "created" });
        await emulator.TriggerAsync(new { resource = "messages", @event = "created", count = 3 });
        Assert.Equal(3, (await emulator.DeliveriesAsync("?status=pending")).Count);

        clock.Advance(TimeSpan.FromMinutes(11));
        emulator.Service<RetentionService>().PruneOnce();
        Assert.Empty(await emulator.DeliveriesAsync("?status=pending"));
        hang.TrySetResult(200);
    }

    [Fact]
    public async Task OldFinishedDeliveries_ReadByOneRound_AndALaterPendingOneStillDropped()
    {
        // Each round read every delivery older than PendingMaxAge to find pending ones: a full log an hour old was 10,000
        // whole deliveries every 10 s. Finished deliveries never become pending again, so a round reads each once.
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var hang = new TaskCompletionSource<int>();
        await using var receiver = await TestReceiver.StartAsync();
        // The send timeout is longer than the clock moves, so the held delivery stays pending until the round drops it.
        await using var emulator = await Emulator.StartAsync(new() { ["Delivery:PendingMaxAge"] = "00:10:00", ["Delivery:Timeout"] = "01:00:00", ["Storage:PruneInterval"] = "01:00:00" },
            s => s.AddSingleton<TimeProvider>(clock));
        await emulator.Client().CreateWebhookAsync(new { name = "w", targetUrl = receiver.Url, resource = "messages", @event = "created" });
        await emulator.TriggerAsync(new { resource = "messages", @event = "created", count = 3 });
        await emulator.WaitForDeliveriesAsync(d => d.Count == 3 && d.All(x => x!["status"]!.ToString() == "succeeded"));
        clock.Advance(TimeSpan.FromMinutes(11));
        var retention = emulator.Service<RetentionService>();

        Assert.Equal(3, retention.PruneOnce().DeliveriesRead);
        Assert.Equal(0, retention.PruneOnce().DeliveriesRead);

        receiver.Respond = _ => hang.Task;
        await emulator.TriggerAsync(new { resource = "messages", @event = "created" });
        await receiver.WaitForAsync(4);
        clock.Advance(TimeSpan.FromMinutes(11));
        Assert.Equal(1, retention.PruneOnce().DeliveriesRead);
        Assert.Empty(await emulator.DeliveriesAsync("?status=pending"));
        Assert.Equal(3, (await emulator.DeliveriesAsync()).Count);
        hang.TrySetResult(200);
    }

    [Fact]
    public async Task Reset_ForgetsGeneratedActors()
    {
        await using var emulator = await Emulator.StartAsync();
        var actor = (await emulator.TriggerAsync(new { resource = "rooms", @event = "created" }))["events"]![0]!["actorId"]!.ToString();
        await emulator.Client().GetWebexAsync($"/v1/people/{actor}").OkAsync();
        await emulator.Client(null).PostAsync("/_emulator/reset", HttpJson.Empty());
        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await emulator.Client().GetWebexAsync($"/v1/people/{actor}")).Status);
    }

    /// <summary>An emulator that keeps 100 resources, prunes only when a test or a trigger asks, and has 5 made-up actors.</summary>
    private static Task<Emulator> StartKeeping100Async() =>
        Emulator.StartAsync(new() { ["Storage:ResourceRetention"] = "100", ["Storage:PruneInterval"] = "01:00:00", ["Events:GeneratedActors"] = "5" });

    /// <summary>A room made through the API with <paramref name="count"/> messages: all of it kept by retention.</summary>
    private static async Task<string> PostKeptMessagesAsync(HttpClient alice, int count)
    {
        var roomId = (await alice.PostWebexAsync("/v1/rooms", new { title = "kept" }).OkAsync())["id"]!.ToString();
        for (var i = 0; i < count; i++) await alice.PostWebexAsync("/v1/messages", new { roomId, text = $"keep {i}" }).OkAsync();
        return roomId;
    }
}
