using System.Net;
using Microsoft.Extensions.DependencyInjection;
using System.Text.Json.Nodes;
using MockWebex.Tests.Infrastructure;

namespace MockWebex.Tests.Resources;

public sealed class RoomsAndMembershipsTests
{
    [Fact]
    public async Task CreateRoom_CallerIsMember_OthersCannotSeeIt()
    {
        await using var aliceHook = await TestReceiver.StartAsync();
        await using var emulator = await Emulator.StartAsync();
        var alice = emulator.Client("alice-token");
        var aliceId = (await alice.GetWebexAsync("/v1/people/me").OkAsync())["id"]!.ToString();
        await alice.CreateWebhookAsync(new { name = "a", targetUrl = aliceHook.Url, resource = "all", @event = "all" });

        var room = await alice.PostWebexAsync("/v1/rooms", new { title = "Release 1.0" }).OkAsync();

        var events = (await aliceHook.WaitForAsync(2)).Select(r => JsonNode.Parse(r.Body)!).ToList();
        Assert.Equal(["rooms.created", "memberships.created"], events.Select(e => $"{e["resource"]}.{e["event"]}"));
        Assert.Equal(room["id"]!.ToString(), events[0]["data"]!["id"]!.ToString());
        Assert.Equal(["id", "type", "isLocked", "lastActivity", "creatorId", "created"], events[0]["data"]!.AsObject().Select(p => p.Key));
        Assert.All(events, e => Assert.Equal(aliceId, e["actorId"]!.ToString()));

        Assert.Equal("Release 1.0", room["title"]!.ToString());
        Assert.Equal("group", room["type"]!.ToString());
        Assert.False(room["isLocked"]!.GetValue<bool>());
        Assert.Equal(aliceId, room["creatorId"]!.ToString());
        Assert.Equal("ROOM", MockWebex.Common.WebexIds.TryDecode(room["id"]!.ToString())!.Value.Type);
        var roomId = room["id"]!.ToString();
        Assert.Equal(roomId, (await alice.GetWebexAsync("/v1/rooms").OkAsync())["items"]!.AsArray().Single()!["id"]!.ToString());
        var members = await alice.GetWebexAsync($"/v1/memberships?roomId={roomId}").OkAsync();
        Assert.Equal(aliceId, members["items"]!.AsArray().Single()!["personId"]!.ToString());

        var bob = emulator.Client("bob-token");
        Assert.Equal(HttpStatusCode.NotFound, (await bob.GetWebexAsync($"/v1/rooms/{roomId}")).Status);
        Assert.Empty((await bob.GetWebexAsync("/v1/rooms").OkAsync())["items"]!.AsArray());
        Assert.Equal(HttpStatusCode.NotFound, (await bob.GetWebexAsync($"/v1/memberships?roomId={roomId}")).Status);
    }

    [Theory]
    [InlineData("{}", 400, "title")]
    [InlineData("{\"title\":42}", 400, "expected a string")]
    [InlineData("{\"title\":\"   \"}", 400, "title")]
    [InlineData("[1]", 400, "JSON object")]
    [InlineData("{\"title\":", 400, "Invalid JSON")]
    public async Task CreateRoom_BadBody_WebexError(string body, int status, string fragment)
    {
        await using var emulator = await Emulator.StartAsync();
        var answer = await emulator.Client().PostWebexAsync("/v1/rooms", body);
        Assert.Equal(status, (int)answer.Status);
        Assert.Contains(fragment, answer.Message);
        Assert.NotEmpty(answer["trackingId"]);
        Assert.Empty((await emulator.Client().GetWebexAsync("/v1/rooms").OkAsync())["items"]!.AsArray());
    }

    [Fact]
    public async Task AddMember_ByEmail_FiresMembershipCreatedToRoomMembersAndTheNewcomer()
    {
        await using var aliceHook = await TestReceiver.StartAsync();
        await using var bobHook = await TestReceiver.StartAsync();
        await using var carolHook = await TestReceiver.StartAsync();
        await using var emulator = await Emulator.StartAsync();
        var alice = emulator.Client("alice-token");
        var bob = emulator.Client("bob-token");
        await alice.CreateWebhookAsync(new { name = "a", targetUrl = aliceHook.Url, resource = "memberships", @event = "created" });
        await bob.CreateWebhookAsync(new { name = "b", targetUrl = bobHook.Url, resource = "memberships", @event = "created" });
        await emulator.Client("carol-token").CreateWebhookAsync(new { name = "c", targetUrl = carolHook.Url, resource = "memberships", @event = "all" });
        var roomId = (await alice.PostWebexAsync("/v1/rooms", new { title = "Ops" }).OkAsync())["id"]!.ToString();
        await aliceHook.WaitForAsync(1); // alice's own membership of the new room

        var membership = await alice.PostWebexAsync("/v1/memberships", new { roomId, personEmail = "bob@example.com", isModerator = true }).OkAsync();

        var bobId = (await bob.GetWebexAsync("/v1/people/me").OkAsync())["id"]!.ToString();
        Assert.Equal(bobId, membership["personId"]!.ToString());
        Assert.True(membership["isModerator"]!.GetValue<bool>());
        var toBob = JsonNode.Parse((await bobHook.WaitForAsync(1))[0].Body)!;
        Assert.Equal(membership["id"]!.ToString(), toBob["data"]!["id"]!.ToString());
        Assert.Equal((await alice.GetWebexAsync("/v1/people/me").OkAsync())["id"]!.ToString(), toBob["actorId"]!.ToString());
        Assert.Equal(2, (await aliceHook.WaitForAsync(2)).Count);
        Assert.Equal(roomId, (await bob.GetWebexAsync("/v1/rooms").OkAsync())["items"]![0]!["id"]!.ToString());
        await emulator.WaitForDeliveriesAsync(d => d.Count == 3 && d.All(x => x!["status"]!.ToString() == "succeeded"));
        Assert.Empty(carolHook.Received);

        var again = await alice.PostWebexAsync("/v1/memberships", new { roomId, personId = bobId });
        Assert.Equal(HttpStatusCode.Conflict, again.Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await alice.PostWebexAsync("/v1/memberships", new { roomId })).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await alice.PostWebexAsync("/v1/memberships", new { roomId, personId = "nope" })).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await emulator.Client("carol-token").PostWebexAsync("/v1/memberships", new { roomId, personEmail = "x@example.com" })).Status);
    }

    [Fact]
    public async Task UpdateAndRemove_FireRoomsUpdatedAndMembershipsDeleted()
    {
        await using var bobHook = await TestReceiver.StartAsync();
        await using var emulator = await Emulator.StartAsync();
        var alice = emulator.Client("alice-token");
        var bob = emulator.Client("bob-token");
        await bob.CreateWebhookAsync(new { name = "b", targetUrl = bobHook.Url, resource = "all", @event = "all" });
        var roomId = (await alice.PostWebexAsync("/v1/rooms", new { title = "Old" }).OkAsync())["id"]!.ToString();
        var membershipId = (await alice.PostWebexAsync("/v1/memberships", new { roomId, personEmail = "bob@example.com" }).OkAsync())["id"]!.ToString();

        var renamed = await alice.PutWebexAsync($"/v1/rooms/{roomId}", new { title = "New", isLocked = true }).OkAsync();
        Assert.Equal("New", renamed["title"]!.ToString());
        Assert.True(renamed["isLocked"]!.GetValue<bool>());
        Assert.Equal(HttpStatusCode.Forbidden, (await bob.PutWebexAsync($"/v1/rooms/{roomId}", new { title = "Bob's" })).Status);
        Assert.Equal(HttpStatusCode.NoContent, (await alice.DeleteWebexAsync($"/v1/memberships/{membershipId}")).Status);

        // Locking made alice a moderator: that is a memberships:updated too.
        var events = (await bobHook.WaitForAsync(4)).Select(r => JsonNode.Parse(r.Body)!).ToList();
        Assert.Equal(["memberships.created", "rooms.updated", "memberships.updated", "memberships.deleted"], events.Select(e => $"{e["resource"]}.{e["event"]}"));
        Assert.True(events[1]["data"]!["isLocked"]!.GetValue<bool>());
        Assert.True(events[2]["data"]!["isModerator"]!.GetValue<bool>());
        Assert.Equal(membershipId, events[3]["data"]!["id"]!.ToString());
        Assert.Equal(HttpStatusCode.NotFound, (await bob.GetWebexAsync($"/v1/rooms/{roomId}")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await alice.GetWebexAsync($"/v1/memberships/{membershipId}")).Status);
    }

    [Fact]
    public async Task ListRoomsAndMemberships_MaxOne_LinkPagesThroughAll()
    {
        await using var emulator = await Emulator.StartAsync();
        var alice = emulator.Client("alice-token");
        var created = new List<string>();
        for (var i = 0; i < 3; i++) created.Add((await alice.PostWebexAsync("/v1/rooms", new { title = $"Room {i}" }).OkAsync())["id"]!.ToString());
        await alice.PostWebexAsync("/v1/rooms", new { title = "Z" }).OkAsync();

        Assert.Equal(4, (await Collect(alice, "/v1/rooms?max=1&type=group")).Count);
        Assert.Equal(created, (await Collect(alice, "/v1/rooms?max=1")).Take(3));
        Assert.Equal(4, (await Collect(alice, "/v1/memberships?max=3")).Count);
        Assert.Empty(await Collect(alice, "/v1/rooms?type=direct"));
        Assert.Equal(HttpStatusCode.BadRequest, (await alice.GetWebexAsync("/v1/rooms?type=team")).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await alice.GetWebexAsync("/v1/rooms?cursor=%%%")).Status);
    }

    [Fact]
    public async Task ListRooms_SortByLastActivity_MostRecentlyActiveFirst_AcrossPages()
    {
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(DateTimeOffset.Parse("2026-01-01T00:00:00Z"));
        await using var emulator = await Emulator.StartAsync(services: s => s.AddSingleton<TimeProvider>(clock));
        var alice = emulator.Client("alice-token");
        var ids = new List<string>();
        foreach (var title in new[] { "A", "B", "C" })
        {
            ids.Add((await alice.PostWebexAsync("/v1/rooms", new { title }).OkAsync())["id"]!.ToString());
            clock.Advance(TimeSpan.FromMinutes(1));
        }
        await alice.PostWebexAsync("/v1/messages", new { roomId = ids[0], text = "A is busy again" }).OkAsync();

        Assert.Equal([ids[0], ids[2], ids[1]], await Collect(alice, "/v1/rooms?sortBy=lastactivity&max=1"));
        Assert.Equal([ids[2], ids[1], ids[0]], await Collect(alice, "/v1/rooms?sortBy=created&max=2"));
        Assert.Equal(ids.Order(StringComparer.Ordinal), await Collect(alice, "/v1/rooms?sortBy=id"));
        Assert.Equal(ids, await Collect(alice, "/v1/rooms"));
        Assert.Equal(HttpStatusCode.BadRequest, (await alice.GetWebexAsync("/v1/rooms?sortBy=title")).Status);
    }

    /// <summary>
    /// A caller in more rooms than are sorted whole, in a file where others have more rooms still: every order pages through
    /// exactly the caller's rooms (the walk of the order's index), and when the newest rooms are others' (a few thousand
    /// triggered ones) past the walk's budget too (all the caller's rooms read and sorted). Keys tie on time: one clock tick.
    /// </summary>
    [Fact]
    public async Task ListRooms_Sorted_PagesThroughExactlyTheCallersRooms_HoweverManyRoomsTheFileHolds()
    {
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(DateTimeOffset.Parse("2026-01-01T00:00:00Z"));
        await using var emulator = await Emulator.StartAsync(services: s => s.AddSingleton<TimeProvider>(clock));
        var alice = emulator.Client("alice-token");
        var bob = emulator.Client("bob-token");
        var rooms = new List<(string Id, string Type, string Created, string LastActivity, int Order)>();
        for (var i = 0; i < 300; i++)
        {
            // Every seventh at the same time as the one before; bob's rooms in between, which alice must not see.
            if (i % 7 != 0) clock.Advance(TimeSpan.FromSeconds(1));
            if (i % 5 == 0) await bob.PostWebexAsync("/v1/rooms", new { title = $"bob {i}" }).OkAsync();
            var room = await alice.PostWebexAsync("/v1/rooms", new { title = $"room {i}" }).OkAsync();
            rooms.Add((room["id"]!.ToString(), "group", room["created"]!.ToString(), room["lastActivity"]!.ToString(), i));
        }
        // Activity moves some old rooms to the top of lastactivity, one of them twice.
        foreach (var i in new[] { 3, 150, 3, 42 })
        {
            clock.Advance(TimeSpan.FromSeconds(1));
            var message = await alice.PostWebexAsync("/v1/messages", new { roomId = rooms[i].Id, text = "busy" }).OkAsync();
            rooms[i] = rooms[i] with { LastActivity = message["created"]!.ToString() };
        }
        var direct = await alice.PostWebexAsync("/v1/messages", new { toPersonEmail = "bob@example.com", text = "hi" }).OkAsync();
        var directRoom = await alice.GetWebexAsync($"/v1/rooms/{direct["roomId"]}").OkAsync();
        rooms.Add((directRoom["id"]!.ToString(), "direct", directRoom["created"]!.ToString(), directRoom["lastActivity"]!.ToString(), rooms.Count));

        async Task AssertOrdersAsync()
        {
            // Ties on time go to the room made later (Seq), newest first.
            var byActivity = rooms.OrderByDescending(r => r.LastActivity, StringComparer.Ordinal).ThenByDescending(r => r.Order).Select(r => r.Id).ToList();
            var byCreated = rooms.OrderByDescending(r => r.Created, StringComparer.Ordinal).ThenByDescending(r => r.Order).Select(r => r.Id).ToList();
            Assert.Equal(byActivity, await Collect(alice, "/v1/rooms?sortBy=lastactivity&max=40"));
            Assert.Equal(byCreated, await Collect(alice, "/v1/rooms?sortBy=created&max=100"));
            Assert.Equal(rooms.Select(r => r.Id).Order(StringComparer.Ordinal), await Collect(alice, "/v1/rooms?sortBy=id&max=60"));
            Assert.Equal(byActivity.Where(id => id != directRoom["id"]!.ToString()), await Collect(alice, "/v1/rooms?sortBy=lastactivity&type=group&max=70"));
            Assert.Equal([directRoom["id"]!.ToString()], await Collect(alice, "/v1/rooms?sortBy=created&type=direct&max=1"));
        }
        await AssertOrdersAsync();

        // 2,500 rooms of made-up people, all active after alice's: a walk of lastactivity passes them all before hers.
        clock.Advance(TimeSpan.FromSeconds(1));
        await emulator.TriggerAsync(new { resource = "rooms", @event = "created", count = 2_500 });
        await AssertOrdersAsync();
    }

    [Theory]
    [InlineData("%%%")]
    [InlineData("_w")] // base64url of 0xFF: not UTF-8
    public async Task ListRooms_Sorted_WithACursorThatIsNotOne_Is400(string cursor)
    {
        await using var emulator = await Emulator.StartAsync();
        var response = await emulator.Client("alice-token").GetWebexAsync($"/v1/rooms?sortBy=lastactivity&cursor={cursor}");
        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Contains("cursor", response.Message);
    }

    [Fact]
    public async Task DeleteRoom_RemovesItsMessagesAndMemberships_AndSurvivesRestart()
    {
        using var dataFile = new TempDataFile("mockwebex-rooms");
        var path = dataFile.Path;
        string keptId, goneId;
        await using (var emulator = await Emulator.StartAsync(dataPath: path))
        {
            var alice = emulator.Client("alice-token");
            keptId = (await alice.PostWebexAsync("/v1/rooms", new { title = "Kept" }).OkAsync())["id"]!.ToString();
            goneId = (await alice.PostWebexAsync("/v1/rooms", new { title = "Gone" }).OkAsync())["id"]!.ToString();
            await alice.PostWebexAsync("/v1/messages", new { roomId = goneId, text = "bye" }).OkAsync();
            await alice.PostWebexAsync("/v1/messages", new { roomId = keptId, text = "stays" }).OkAsync();
            Assert.Equal(HttpStatusCode.NoContent, (await alice.DeleteWebexAsync($"/v1/rooms/{goneId}")).Status);
        }
        await using (var restarted = await Emulator.StartAsync(dataPath: path))
        {
            var alice = restarted.Client("alice-token");
            Assert.Equal(HttpStatusCode.NotFound, (await alice.GetWebexAsync($"/v1/rooms/{goneId}")).Status);
            Assert.Equal("Kept", (await alice.GetWebexAsync($"/v1/rooms/{keptId}").OkAsync())["title"]!.ToString());
            var messages = await alice.GetWebexAsync($"/v1/messages?roomId={keptId}").OkAsync();
            Assert.Equal("stays", messages["items"]!.AsArray().Single()!["text"]!.ToString());
            Assert.Single((await alice.GetWebexAsync("/v1/memberships").OkAsync())["items"]!.AsArray());
        }
    }

    [Fact]
    public async Task DeleteRoom_FiresMembershipsDeletedForEveryMember_ToEveryMembersWebhook()
    {
        await using var aliceHook = await TestReceiver.StartAsync();
        await using var bobHook = await TestReceiver.StartAsync();
        await using var carolHook = await TestReceiver.StartAsync();
        await using var emulator = await Emulator.StartAsync();
        var alice = emulator.Client("alice-token");
        var bob = emulator.Client("bob-token");
        var roomId = (await alice.PostWebexAsync("/v1/rooms", new { title = "Doomed" }).OkAsync())["id"]!.ToString();
        var bobMembership = (await alice.PostWebexAsync("/v1/memberships", new { roomId, personEmail = "bob@example.com" }).OkAsync())["id"]!.ToString();
        var aliceMembership = (await alice.GetWebexAsync($"/v1/memberships?roomId={roomId}").OkAsync())["items"]!.AsArray()
            .Select(m => m!["id"]!.ToString()).Single(id => id != bobMembership);
        await alice.CreateWebhookAsync(new { name = "a", targetUrl = aliceHook.Url, resource = "memberships", @event = "deleted" });
        await bob.CreateWebhookAsync(new { name = "b", targetUrl = bobHook.Url, resource = "memberships", @event = "all" });
        // Carol was never in the room: she hears nothing.
        await emulator.Client("carol-token").CreateWebhookAsync(new { name = "c", targetUrl = carolHook.Url, resource = "all", @event = "all" });

        Assert.Equal(HttpStatusCode.NoContent, (await alice.DeleteWebexAsync($"/v1/rooms/{roomId}")).Status);

        foreach (var hook in new[] { aliceHook, bobHook })
        {
            var events = (await hook.WaitForAsync(2)).Select(r => JsonNode.Parse(r.Body)!).ToList();
            Assert.All(events, e => Assert.Equal("memberships.deleted", $"{e["resource"]}.{e["event"]}"));
            Assert.All(events, e => Assert.Equal(roomId, e["data"]!["roomId"]!.ToString()));
            Assert.Equal(new[] { aliceMembership, bobMembership }.Order(), events.Select(e => e["data"]!["id"]!.ToString()).Order());
        }
        Assert.Equal(HttpStatusCode.NotFound, (await bob.GetWebexAsync($"/v1/memberships/{bobMembership}")).Status);
        // Every delivery of the deletion has been sent (the log has them all as sent), and Carol's receiver got none.
        var log = await emulator.WaitForDeliveriesAsync(d => d.Count == 4 && d.All(x => x!["status"]!.ToString() != "pending"));
        Assert.Equal(4, log.Count);
        Assert.Empty(carolHook.Received);
    }

    private static async Task<List<string>> Collect(HttpClient client, string url)
    {
        var ids = new List<string>();
        await foreach (var page in client.PagesAsync(url, maxPages: 20))
        {
            Assert.Equal(HttpStatusCode.OK, page.Status);
            ids.AddRange(page.Items.Select(i => i!["id"]!.ToString()));
        }
        return ids;
    }
}
