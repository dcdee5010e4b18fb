using System.Net;
using MockWebex.Tests.Infrastructure;

namespace MockWebex.Tests.Resources;

/// <summary>
/// Pages read through composite index keys (a room's messages, a person's memberships and rooms, the 1:1 room of two
/// people): they page as before, /v1/messages/direct pages too, and a file written before the keys existed gets them.
/// </summary>
public sealed class OrderKeysTests
{
    [Fact]
    public async Task DirectMessages_NewestFirst_PagedByMaxWithALinkToTheRest()
    {
        await using var emulator = await Emulator.StartAsync();
        var alice = emulator.Client("alice-token");
        var bob = await emulator.Client("bob-token").GetWebexAsync("/v1/people/me").OkAsync();
        for (var i = 0; i < 60; i++) await alice.PostWebexAsync("/v1/messages", new { toPersonId = bob["id"]!.ToString(), text = $"m{i}" }).OkAsync();

        var first = await alice.GetWebexAsync($"/v1/messages/direct?personId={bob["id"]}");
        Assert.Equal(50, first.Items.Count);
        Assert.Equal("m59", first.Items[0]!["text"]!.ToString());
        var next = WebexCalls.NextLink(first.Response);
        Assert.Contains("beforeMessage=", next);
        var rest = await alice.GetWebexAsync(new Uri(next!).PathAndQuery);
        Assert.Equal(Enumerable.Range(0, 10).Reverse().Select(i => $"m{i}"), rest.Items.Select(m => m!["text"]!.ToString()));
        Assert.Null(WebexCalls.NextLink(rest.Response));
        Assert.Equal(3, (await alice.GetWebexAsync($"/v1/messages/direct?personEmail=bob@example.com&max=3")).Items.Count);
        Assert.Equal(HttpStatusCode.BadRequest, (await alice.GetWebexAsync($"/v1/messages/direct?personId={bob["id"]}&max=0")).Status);
    }

    [Fact]
    public async Task RoomsList_InTheOrderTheCallerJoined_PagedByCursorAcrossEveryRoom()
    {
        await using var emulator = await Emulator.StartAsync();
        var alice = emulator.Client("alice-token");
        var bob = emulator.Client("bob-token");
        var bobsOld = await bob.PostWebexAsync("/v1/rooms", new { title = "bob's, older" }).OkAsync();
        var titles = new List<string>();
        for (var i = 0; i < 5; i++) titles.Add((await alice.PostWebexAsync("/v1/rooms", new { title = $"alice {i}" }).OkAsync())["title"]!.ToString());
        // Added to an older room last: it comes last in join order.
        await bob.PostWebexAsync("/v1/memberships", new { roomId = bobsOld["id"]!.ToString(), personEmail = "alice@example.com" }).OkAsync();
        titles.Add("bob's, older");

        Assert.Equal(titles, await RoomTitlesPagedAsync(alice, pageSize: 2));
    }

    [Fact]
    public async Task RoomsBeyondOneRead_ComeWholeAndInJoinOrder()
    {
        // Rooms are read in groups of 128 memberships: 300 take three groups, and pages of 100 cut across them.
        await using var emulator = await Emulator.StartAsync();
        var alice = emulator.Client("alice-token");
        var titles = new List<string>();
        for (var i = 0; i < 300; i++) titles.Add((await alice.PostWebexAsync("/v1/rooms", new { title = $"room {i}" }).OkAsync())["title"]!.ToString());

        Assert.Equal(titles, await RoomTitlesPagedAsync(alice, pageSize: 100));
        Assert.Equal(300, (await alice.GetWebexAsync("/v1/rooms?max=1000")).Items.Count);
    }

    /// <summary>Every room title GET /v1/rooms gives, page by page.</summary>
    private static async Task<List<string>> RoomTitlesPagedAsync(HttpClient client, int pageSize)
    {
        var seen = new List<string>();
        await foreach (var page in client.PagesAsync($"/v1/rooms?max={pageSize}"))
        {
            Assert.True(page.Items.Count <= pageSize);
            seen.AddRange(page.Items.Select(r => r!["title"]!.ToString()));
        }
        return seen;
    }

    [Fact]
    public async Task ATriggeredDirectMessage_IsTheRoomAReplyToItsSenderGoesTo()
    {
        await using var emulator = await Emulator.StartAsync();
        var alice = emulator.Client("alice-token");
        var aliceId = (await alice.GetWebexAsync("/v1/people/me").OkAsync())["id"]!.ToString();
        await alice.CreateWebhookAsync(new { name = "dm", targetUrl = "http://127.0.0.1:9/in", resource = "messages", @event = "created" });
        var triggered = await emulator.TriggerAsync(new { resource = "messages", @event = "created", data = new { roomType = "direct" }, visibleTo = new[] { aliceId } });
        var data = triggered["events"]![0]!["data"]!;
        var reply = await alice.PostWebexAsync("/v1/messages", new { toPersonId = data["personId"]!.ToString(), text = "hi back" }).OkAsync();
        Assert.Equal(data["roomId"]!.ToString(), reply["roomId"]!.ToString());
    }

    [Fact]
    public async Task AFileWrittenBeforeTheOrderKeys_GetsThemWhenOpened()
    {
        using var data = new TempDataFile("mockwebex-orderkeys");
        var (roomId, bobId) = await WriteRoomsAndMessagesAsync(data.Path);

        // What an earlier version wrote: documents under their whole ids, no keys, the single-field indexes, UserVersion 0.
        using (var old = new LiteDB.LiteDatabase(data.Path))
        {
            KeyByWholeIds(old);
            foreach (var name in new[] { "messages", "memberships", "rooms" })
            {
                var collection = old.GetCollection(name);
                var documents = collection.FindAll().ToList();
                foreach (var document in documents)
                {
                    document.Remove("RoomOrder");
                    document.Remove("PersonOrder");
                    document.Remove("RoomPerson");
                    document.Remove("DirectPair");
                }
                collection.Update(documents);
                foreach (var index in new[] { "RoomOrder", "PersonOrder", "RoomPerson", "DirectPair" }) collection.DropIndex(index);
            }
            old.GetCollection("messages").EnsureIndex("RoomId", "$.RoomId");
            old.GetCollection("memberships").EnsureIndex("RoomId", "$.RoomId");
            old.GetCollection("memberships").EnsureIndex("PersonId", "$.PersonId");
            old.UserVersion = 0;
        }

        await AssertReadBackAsync(data.Path, roomId, bobId);
    }

    [Fact]
    public async Task AFileWithOrderKeysOfWholeIds_GetsDigestKeysWhenOpened()
    {
        using var data = new TempDataFile("mockwebex-orderkeys");
        var (roomId, bobId) = await WriteRoomsAndMessagesAsync(data.Path);

        // What versions 1 and 2 wrote: documents under their whole ids, the same order keys made of whole ids ("<id>|<seq>", "<id>|<id>").
        using (var old = new LiteDB.LiteDatabase(data.Path))
        {
            KeyByWholeIds(old);
            var messages = old.GetCollection("messages");
            var allMessages = messages.FindAll().ToList();
            foreach (var m in allMessages) m["RoomOrder"] = $"{m["RoomId"].AsString}|{m["Seq"].AsInt64:D19}";
            messages.Update(allMessages);
            var memberships = old.GetCollection("memberships");
            var allMemberships = memberships.FindAll().ToList();
            foreach (var m in allMemberships)
            {
                m["PersonOrder"] = $"{m["PersonId"].AsString}|{m["Seq"].AsInt64:D19}";
                m["RoomPerson"] = $"{m["RoomId"].AsString}|{m["PersonId"].AsString}";
            }
            memberships.Update(allMemberships);
            var rooms = old.GetCollection("rooms");
            var direct = rooms.FindAll().Where(r => r["Type"].AsString == "direct").ToList();
            foreach (var room in direct)
            {
                var pair = allMemberships.Where(m => m["RoomId"] == room["_id"]).Select(m => m["PersonId"].AsString).Order(StringComparer.Ordinal).ToList();
                room["DirectPair"] = string.Join("|", pair);
            }
            rooms.Update(direct);
            old.UserVersion = 2;
        }

        await AssertReadBackAsync(data.Path, roomId, bobId);
    }

    [Fact]
    public async Task AFileWithDocumentsUnderTheirWholeIds_GetsDigestKeysWhenOpened()
    {
        using var data = new TempDataFile("mockwebex-orderkeys");
        var (roomId, bobId) = await WriteRoomsAndMessagesAsync(data.Path);
        string messageId, membershipId;
        await using (var emulator = await Emulator.StartAsync(dataPath: data.Path))
        {
            var alice = emulator.Client("alice-token");
            messageId = (await alice.GetWebexAsync($"/v1/messages?roomId={roomId}")).Items[0]!["id"]!.ToString();
            membershipId = (await alice.GetWebexAsync($"/v1/memberships?roomId={roomId}&personId={bobId}")).Items[0]!["id"]!.ToString();
        }

        // What version 3 wrote: every room, membership, message and person keyed by its whole Webex id.
        using (var old = new LiteDB.LiteDatabase(data.Path))
        {
            KeyByWholeIds(old);
            old.UserVersion = 3;
        }

        await AssertReadBackAsync(data.Path, roomId, bobId);
        await using var restarted = await Emulator.StartAsync(dataPath: data.Path);
        var aliceAgain = restarted.Client("alice-token");
        Assert.Equal("kept", (await aliceAgain.GetWebexAsync($"/v1/rooms/{roomId}").OkAsync())["title"]!.ToString());
        Assert.Equal("group 2", (await aliceAgain.GetWebexAsync($"/v1/messages/{messageId}").OkAsync())["text"]!.ToString());
        Assert.Equal(bobId, (await aliceAgain.GetWebexAsync($"/v1/memberships/{membershipId}").OkAsync())["personId"]!.ToString());
        Assert.Equal(bobId, (await aliceAgain.GetWebexAsync($"/v1/people/{bobId}").OkAsync())["id"]!.ToString());
        Assert.Equal(HttpStatusCode.NoContent, (await aliceAgain.DeleteWebexAsync($"/v1/messages/{messageId}")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await aliceAgain.GetWebexAsync($"/v1/messages/{messageId}")).Status);
    }

    /// <summary>Puts every room, membership, message and person back under its whole Webex id, as files before version 4 kept them.</summary>
    private static void KeyByWholeIds(LiteDB.LiteDatabase old)
    {
        foreach (var name in new[] { "rooms", "memberships", "messages", "people" })
        {
            var collection = old.GetCollection(name);
            foreach (var document in collection.FindAll().ToList())
            {
                collection.Delete(document["_id"]);
                document["_id"] = document["Id"];
                document.Remove("Id");
                collection.Insert(document);
            }
        }
    }

    /// <summary>A group room of alice and bob with three messages, and one direct message from alice to bob.</summary>
    private static async Task<(string RoomId, string BobId)> WriteRoomsAndMessagesAsync(string dataPath)
    {
        await using var emulator = await Emulator.StartAsync(dataPath: dataPath);
        var alice = emulator.Client("alice-token");
        var bobId = (await emulator.Client("bob-token").GetWebexAsync("/v1/people/me").OkAsync())["id"]!.ToString();
        var roomId = (await alice.PostWebexAsync("/v1/rooms", new { title = "kept" }).OkAsync())["id"]!.ToString();
        await alice.PostWebexAsync("/v1/memberships", new { roomId, personId = bobId }).OkAsync();
        for (var i = 0; i < 3; i++) await alice.PostWebexAsync("/v1/messages", new { roomId, text = $"group {i}" }).OkAsync();
        await alice.PostWebexAsync("/v1/messages", new { toPersonId = bobId, text = "direct" }).OkAsync();
        return (roomId, bobId);
    }

    /// <summary>Every read that goes through an order key finds what <see cref="WriteRoomsAndMessagesAsync"/> wrote.</summary>
    private static async Task AssertReadBackAsync(string dataPath, string roomId, string bobId)
    {
        await using var restarted = await Emulator.StartAsync(dataPath: dataPath);
        var aliceAgain = restarted.Client("alice-token");
        Assert.Equal(["group 2", "group 1", "group 0"], (await aliceAgain.GetWebexAsync($"/v1/messages?roomId={roomId}")).Items.Select(m => m!["text"]!.ToString()));
        Assert.Equal("direct", Assert.Single((await aliceAgain.GetWebexAsync($"/v1/messages/direct?personId={bobId}")).Items)!["text"]!.ToString());
        Assert.Equal(2, (await aliceAgain.GetWebexAsync($"/v1/memberships?roomId={roomId}")).Items.Count);
        Assert.Equal(2, (await aliceAgain.GetWebexAsync("/v1/rooms")).Items.Count);
        // A second direct message goes to the same 1:1 room, found by its key.
        await aliceAgain.PostWebexAsync("/v1/messages", new { toPersonId = bobId, text = "again" }).OkAsync();
        Assert.Equal(2, (await aliceAgain.GetWebexAsync("/v1/rooms")).Items.Count);
    }
}
