using System.Net;
using System.Text.Json.Nodes;
using MockWebex.Delivery;
using MockWebex.Tests.Infrastructure;

namespace MockWebex.Tests.Resources;

public sealed class MessagesApiTests
{
    [Fact]
    public async Task PostMessage_MembersWebhooksGetSignedMetadata_TextOnlyByGet()
    {
        await using var bobHook = await TestReceiver.StartAsync();
        await using var carolHook = await TestReceiver.StartAsync();
        await using var emulator = await Emulator.StartAsync();
        var alice = emulator.Client("alice-token");
        var bob = emulator.Client("bob-token");
        await bob.CreateWebhookAsync(new { name = "b", targetUrl = bobHook.Url, resource = "messages", @event = "created", secret = "bob-secret" });
        await emulator.Client("carol-token").CreateWebhookAsync(new { name = "c", targetUrl = carolHook.Url, resource = "messages", @event = "created" });
        var roomId = (await alice.PostWebexAsync("/v1/rooms", new { title = "Team" }).OkAsync())["id"]!.ToString();
        await alice.PostWebexAsync("/v1/memberships", new { roomId, personEmail = "bob@example.com" }).OkAsync();

        var posted = await alice.PostWebexAsync("/v1/messages", new { roomId, text = "Deploy at 5 + coffee" }).OkAsync();

        var delivery = (await bobHook.WaitForAsync(1))[0];
        Assert.Equal(WebhookSigner.Sign("bob-secret", delivery.Body), delivery.Header("X-Spark-Signature"));
        var envelope = JsonNode.Parse(delivery.Body)!;
        var aliceId = (await alice.GetWebexAsync("/v1/people/me").OkAsync())["id"]!.ToString();
        Assert.Equal(aliceId, envelope["actorId"]!.ToString());
        Assert.Equal(["id", "roomId", "roomType", "personId", "personEmail", "created"], envelope["data"]!.AsObject().Select(p => p.Key));
        Assert.Equal(posted["id"]!.ToString(), envelope["data"]!["id"]!.ToString());
        Assert.DoesNotContain("Deploy", delivery.BodyText);

        var fetched = await bob.GetWebexAsync($"/v1/messages/{posted["id"]}").OkAsync();
        Assert.Equal("Deploy at 5 + coffee", fetched["text"]!.ToString());
        Assert.Equal("alice@example.com", fetched["personEmail"]!.ToString());
        Assert.Equal("group", fetched["roomType"]!.ToString());
        await emulator.WaitForDeliveriesAsync(d => d.Count == 1 && d[0]!["status"]!.ToString() == "succeeded");
        Assert.Empty(carolHook.Received);
        Assert.Equal(HttpStatusCode.NotFound, (await emulator.Client("carol-token").GetWebexAsync($"/v1/messages/{posted["id"]}")).Status);
    }

    [Fact]
    public async Task PostMessage_ToPersonEmail_OpensOneDirectRoomForBoth()
    {
        await using var emulator = await Emulator.StartAsync();
        var alice = emulator.Client("alice-token");
        var bob = emulator.Client("bob-token");

        var first = await alice.PostWebexAsync("/v1/messages", new { toPersonEmail = "bob@example.com", text = "hi" }).OkAsync();
        var second = await alice.PostWebexAsync("/v1/messages", new { toPersonEmail = "bob@example.com", markdown = "**again**" }).OkAsync();
        var reply = await bob.PostWebexAsync("/v1/messages", new { roomId = first["roomId"]!.ToString(), text = "hello" }).OkAsync();

        Assert.Equal("direct", first["roomType"]!.ToString());
        Assert.Equal("bob@example.com", first["toPersonEmail"]!.ToString());
        Assert.Equal(first["roomId"]!.ToString(), second["roomId"]!.ToString());
        Assert.Equal("again", second["text"]!.ToString());
        Assert.Equal("**again**", second["markdown"]!.ToString());
        var bobsRooms = await bob.GetWebexAsync("/v1/rooms?type=direct").OkAsync();
        Assert.Equal(first["roomId"]!.ToString(), bobsRooms["items"]!.AsArray().Single()!["id"]!.ToString());
        var listed = await bob.GetWebexAsync($"/v1/messages?roomId={first["roomId"]}").OkAsync();
        Assert.Equal([reply["id"]!.ToString(), second["id"]!.ToString(), first["id"]!.ToString()], listed["items"]!.AsArray().Select(m => m!["id"]!.ToString()));
        Assert.Equal(HttpStatusCode.Forbidden, (await alice.PostWebexAsync("/v1/memberships", new { roomId = first["roomId"]!.ToString(), personEmail = "x@example.com" })).Status);
        var direct = await alice.GetWebexAsync("/v1/messages/direct?personEmail=bob@example.com").OkAsync();
        Assert.Equal([reply["id"]!.ToString(), second["id"]!.ToString(), first["id"]!.ToString()], direct["items"]!.AsArray().Select(m => m!["id"]!.ToString()));
        Assert.Empty((await alice.GetWebexAsync("/v1/messages/direct?personEmail=nobody@example.com").OkAsync())["items"]!.AsArray());
        Assert.Equal(HttpStatusCode.BadRequest, (await alice.GetWebexAsync("/v1/messages/direct")).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await alice.PostWebexAsync("/v1/messages", new { toPersonEmail = "alice@example.com", text = "me" })).Status);
    }

    [Fact]
    public async Task ListMessages_NewestFirst_BeforeMessageLinkPagesBackwards()
    {
        await using var emulator = await Emulator.StartAsync();
        var alice = emulator.Client("alice-token");
        var roomId = (await alice.PostWebexAsync("/v1/rooms", new { title = "Log" }).OkAsync())["id"]!.ToString();
        var ids = new List<string>();
        for (var i = 0; i < 5; i++) ids.Add((await alice.PostWebexAsync("/v1/messages", new { roomId, text = $"m{i}" }).OkAsync())["id"]!.ToString());

        var seen = new List<string>();
        await foreach (var page in alice.PagesAsync($"/v1/messages?roomId={roomId}&max=2"))
        {
            Assert.Equal(HttpStatusCode.OK, page.Status);
            seen.AddRange(page.Items.Select(m => m!["id"]!.ToString()));
            if (WebexCalls.NextLink(page.Response) is { } next) Assert.Contains("beforeMessage=", next);
        }
        ids.Reverse();
        Assert.Equal(ids, seen);

        var missingRoom = await alice.GetWebexAsync("/v1/messages");
        Assert.Equal(HttpStatusCode.BadRequest, missingRoom.Status);
        Assert.Contains("roomId", missingRoom.Message);
        Assert.Equal(HttpStatusCode.BadRequest, (await alice.GetWebexAsync($"/v1/messages?roomId={roomId}&before=yesterday")).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await alice.GetWebexAsync($"/v1/messages?roomId={roomId}&beforeMessage=nope")).Status);
    }

    [Theory]
    [InlineData("{\"text\":\"no destination\"}", "roomId")]
    [InlineData("{\"roomId\":\"R\",\"toPersonEmail\":\"b@example.com\",\"text\":\"x\"}", "Only one")]
    [InlineData("{\"roomId\":\"R\"}", "needs text")]
    [InlineData("{\"roomId\":\"R\",\"text\":5}", "expected a string")]
    [InlineData("{\"roomId\":\"R\",\"files\":5}", "files")]
    [InlineData("{\"roomId\":\"R\",\"files\":[5]}", "files")]
    [InlineData("{\"roomId\":\"R\",\"files\":\"not a url\"}", "URL")]
    [InlineData("{\"roomId\":\"R\",\"files\":[\"a\",\"b\"]}", "one file")]
    [InlineData("{\"roomId\":\"R\",\"attachments\":[{\"contentType\":\"text/plain\"}]}", "attachments")]
    public async Task PostMessage_BadBody_400BeforeAnythingIsStored(string body, string fragment)
    {
        await using var emulator = await Emulator.StartAsync();
        var answer = await emulator.Client().PostWebexAsync("/v1/messages", body);
        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        Assert.Contains(fragment, answer.Message);
        Assert.Empty(JsonNode.Parse(await emulator.Client(null).GetStringAsync("/_emulator/messages"))!.AsArray());
    }

    [Theory]
    [InlineData("\"https://example.com/report.pdf\"")]
    [InlineData("[\"https://example.com/report.pdf\"]")]
    public async Task PostMessage_FilesAsOneUrlOrOneElementList_StoredAsAList(string files)
    {
        await using var emulator = await Emulator.StartAsync();
        var alice = emulator.Client("alice-token");
        var roomId = (await alice.PostWebexAsync("/v1/rooms", new { title = "T" }).OkAsync())["id"]!.ToString();
        var created = await alice.PostWebexAsync("/v1/messages", $"{{\"roomId\":\"{roomId}\",\"files\":{files}}}").OkAsync();
        Assert.Equal("[\"https://example.com/report.pdf\"]", created["files"]!.ToJsonString());
        var read = await alice.GetWebexAsync($"/v1/messages/{created["id"]}").OkAsync();
        Assert.Equal("[\"https://example.com/report.pdf\"]", read["files"]!.ToJsonString());
    }

    [Fact]
    public async Task PostMessage_TooLongOrUnknownRoom_RejectedWithWebexCodes()
    {
        await using var emulator = await Emulator.StartAsync();
        var alice = emulator.Client("alice-token");
        var roomId = (await alice.PostWebexAsync("/v1/rooms", new { title = "T" }).OkAsync())["id"]!.ToString();
        Assert.Equal(HttpStatusCode.BadRequest, (await alice.PostWebexAsync("/v1/messages", new { roomId, text = new string('x', 7440) })).Status);
        Assert.Equal(HttpStatusCode.OK, (await alice.PostWebexAsync("/v1/messages", new { roomId, text = new string('x', 7439) })).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await alice.PostWebexAsync("/v1/messages", new { roomId = "Y2lzY29zcGFyazovL3VzL1JPT00vbm9uZQ", text = "x" })).Status);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, (await alice.PostAsync("/v1/messages", new StringContent("text=hi"))).StatusCode);
    }

    [Fact]
    public async Task Bot_InGroupRoom_HearsAndReadsOnlyMessagesThatMentionIt()
    {
        await using var botHook = await TestReceiver.StartAsync();
        await using var emulator = await Emulator.StartAsync();
        var alice = emulator.Client("alice-token");
        var bot = emulator.Client("bot-token");
        var botId = (await bot.GetWebexAsync("/v1/people/me").OkAsync())["id"]!.ToString();
        await bot.CreateWebhookAsync(new { name = "bot", targetUrl = botHook.Url, resource = "messages", @event = "created" });
        var roomId = (await alice.PostWebexAsync("/v1/rooms", new { title = "Group" }).OkAsync())["id"]!.ToString();
        await alice.PostWebexAsync("/v1/memberships", new { roomId, personId = botId }).OkAsync();

        var chatter = await alice.PostWebexAsync("/v1/messages", new { roomId, text = "just people talking" }).OkAsync();
        var mention = await alice.PostWebexAsync("/v1/messages", new { roomId, markdown = $"<@personId:{botId}|Mock Bot> status please" }).OkAsync();

        var arrived = JsonNode.Parse((await botHook.WaitForAsync(1))[0].Body)!;
        Assert.Equal(mention["id"]!.ToString(), arrived["data"]!["id"]!.ToString());
        Assert.Equal(botId, arrived["data"]!["mentionedPeople"]![0]!.ToString());
        Assert.Equal("Mock Bot status please", mention["text"]!.ToString());
        Assert.Equal(HttpStatusCode.OK, (await bot.GetWebexAsync($"/v1/messages/{mention["id"]}")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await bot.GetWebexAsync($"/v1/messages/{chatter["id"]}")).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await bot.GetWebexAsync($"/v1/messages?roomId={roomId}")).Status);
        var mine = await bot.GetWebexAsync($"/v1/messages?roomId={roomId}&mentionedPeople=me").OkAsync();
        Assert.Equal(mention["id"]!.ToString(), mine["items"]!.AsArray().Single()!["id"]!.ToString());
        await emulator.WaitForDeliveriesAsync(d => d.Count == 1 && d[0]!["status"]!.ToString() == "succeeded");
        Assert.Single(botHook.Received);
    }

    [Fact]
    public async Task EditMessage_AuthorOnly_NewTextAndUpdatedFire_MessagesUpdated()
    {
        await using var bobHook = await TestReceiver.StartAsync();
        await using var emulator = await Emulator.StartAsync();
        var alice = emulator.Client("alice-token");
        var bob = emulator.Client("bob-token");
        await bob.CreateWebhookAsync(new { name = "b", targetUrl = bobHook.Url, resource = "messages", @event = "updated" });
        var roomId = (await alice.PostWebexAsync("/v1/rooms", new { title = "T" }).OkAsync())["id"]!.ToString();
        await alice.PostWebexAsync("/v1/memberships", new { roomId, personEmail = "bob@example.com" }).OkAsync();
        var messageId = (await alice.PostWebexAsync("/v1/messages", new { roomId, text = "tpyo" }).OkAsync())["id"]!.ToString();

        Assert.Equal(HttpStatusCode.Forbidden, (await bob.PutWebexAsync($"/v1/messages/{messageId}", new { roomId, text = "bob's" })).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await alice.PutWebexAsync($"/v1/messages/{messageId}", new { text = "no room" })).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await alice.PutWebexAsync($"/v1/messages/{messageId}", new { roomId })).Status);
        var edited = await alice.PutWebexAsync($"/v1/messages/{messageId}", new { roomId, markdown = "**typo** fixed" }).OkAsync();

        Assert.Equal("typo fixed", edited["text"]!.ToString());
        Assert.NotNull(edited["updated"]);
        var delivery = JsonNode.Parse((await bobHook.WaitForAsync(1))[0].Body)!;
        Assert.Equal("updated", delivery["event"]!.ToString());
        Assert.Equal(edited["updated"]!.ToString(), delivery["data"]!["updated"]!.ToString());
        Assert.Equal("typo fixed", (await bob.GetWebexAsync($"/v1/messages/{messageId}").OkAsync())["text"]!.ToString());
    }

    [Fact]
    public async Task DeleteMessage_AuthorOnly_FiresMessagesDeleted()
    {
        await using var bobHook = await TestReceiver.StartAsync();
        await using var emulator = await Emulator.StartAsync();
        var alice = emulator.Client("alice-token");
        var bob = emulator.Client("bob-token");
        await bob.CreateWebhookAsync(new { name = "b", targetUrl = bobHook.Url, resource = "messages", @event = "deleted" });
        var roomId = (await alice.PostWebexAsync("/v1/rooms", new { title = "T" }).OkAsync())["id"]!.ToString();
        await alice.PostWebexAsync("/v1/memberships", new { roomId, personEmail = "bob@example.com" }).OkAsync();
        var messageId = (await alice.PostWebexAsync("/v1/messages", new { roomId, text = "oops" }).OkAsync())["id"]!.ToString();

        Assert.Equal(HttpStatusCode.Forbidden, (await bob.DeleteWebexAsync($"/v1/messages/{messageId}")).Status);
        Assert.Equal(HttpStatusCode.NoContent, (await alice.DeleteWebexAsync($"/v1/messages/{messageId}")).Status);

        var deleted = JsonNode.Parse((await bobHook.WaitForAsync(1))[0].Body)!;
        Assert.Equal("deleted", deleted["event"]!.ToString());
        Assert.Equal(messageId, deleted["data"]!["id"]!.ToString());
        Assert.Equal(HttpStatusCode.NotFound, (await bob.GetWebexAsync($"/v1/messages/{messageId}")).Status);
    }

    [Fact]
    public async Task CardSubmission_ReachesTheCardsAuthor_WhoReadsTheInputs()
    {
        await using var botHook = await TestReceiver.StartAsync();
        await using var emulator = await Emulator.StartAsync();
        var alice = emulator.Client("alice-token");
        var bot = emulator.Client("bot-token");
        await bot.CreateWebhookAsync(new { name = "cards", targetUrl = botHook.Url, resource = "attachmentActions", @event = "created" });
        var card = new { contentType = "application/vnd.microsoft.card.adaptive", content = new { type = "AdaptiveCard", version = "1.3", body = Array.Empty<object>() } };
        var cardMessage = await bot.PostWebexAsync("/v1/messages", new { toPersonEmail = "alice@example.com", text = "Pick one", attachments = new[] { card } }).OkAsync();
        Assert.Equal("AdaptiveCard", cardMessage["attachments"]![0]!["content"]!["type"]!.ToString());

        var action = await alice.PostWebexAsync("/v1/attachment/actions", new { type = "submit", messageId = cardMessage["id"]!.ToString(), inputs = new { choice = "b" } }).OkAsync();

        var arrived = JsonNode.Parse((await botHook.WaitForAsync(1))[0].Body)!;
        Assert.Equal(action["id"]!.ToString(), arrived["data"]!["id"]!.ToString());
        Assert.Null(arrived["data"]!["inputs"]);
        var read = await bot.GetWebexAsync($"/v1/attachment/actions/{action["id"]}").OkAsync();
        Assert.Equal("b", read["inputs"]!["choice"]!.ToString());
        Assert.Equal(HttpStatusCode.NotFound, (await emulator.Client("carol-token").GetWebexAsync($"/v1/attachment/actions/{action["id"]}")).Status);

        var plain = await alice.PostWebexAsync("/v1/messages", new { roomId = cardMessage["roomId"]!.ToString(), text = "no card" }).OkAsync();
        Assert.Equal(HttpStatusCode.BadRequest, (await alice.PostWebexAsync("/v1/attachment/actions", new { type = "submit", messageId = plain["id"]!.ToString(), inputs = new { } })).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await alice.PostWebexAsync("/v1/attachment/actions", new { type = "click", messageId = plain["id"]!.ToString(), inputs = new { } })).Status);
    }
}
