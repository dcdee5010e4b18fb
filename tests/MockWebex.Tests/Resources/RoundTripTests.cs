using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using MockWebex.Tests.Infrastructure;

namespace MockWebex.Tests.Resources;

/// <summary>
/// What a client writes is what it reads back: for generated strings (whitespace at the ends, "",
/// newlines, emoji, combining characters, long strings up to the limits) every POST/PUT answer equals
/// what GET and list answer, before and after a restart, for every writable resource.
/// </summary>
public sealed class RoundTripTests
{
    [Fact]
    public async Task EveryWritableResource_ReadsBackExactlyWhatWasWritten_AcrossARestart()
    {
        using var data = new TempDataFile("mockwebex-roundtrip");
        var strings = GeneratedStrings(seed: 19, count: 24).ToList();
        var written = new Dictionary<string, (string Kind, JsonObject Answer)>();

        await using (var emulator = await Emulator.StartAsync(dataPath: data.Path))
        {
            var alice = emulator.Client("alice-token");
            foreach (var (text, i) in strings.Select((s, i) => (s, i)))
            {
                var other = strings[(i + 7) % strings.Count];
                await WebhookAsync(alice, text, other, written);
                await RoomAsync(alice, text, other, written);
                await MessageAsync(alice, text, other, written);
            }
            await MembershipsAndActionsAsync(alice, strings, written);
            await AssertReadsBackAsync(alice, written);
        }

        await using (var restarted = await Emulator.StartAsync(dataPath: data.Path))
            await AssertReadsBackAsync(restarted.Client("alice-token"), written);
    }

    [Fact]
    public async Task StringsWrittenByHand_ComeBackVerbatim()
    {
        await using var emulator = await Emulator.StartAsync();
        var alice = emulator.Client("alice-token");
        var room = await alice.PostWebexAsync("/v1/rooms", new { title = "  padded title  " }).OkAsync();
        Assert.Equal("  padded title  ", (await alice.GetWebexAsync($"/v1/rooms/{room["id"]}").OkAsync())["title"]!.ToString());
        var message = await alice.PostWebexAsync("/v1/messages", new { roomId = room["id"]!.ToString(), text = "hi\n", markdown = "" }).OkAsync();
        var read = await alice.GetWebexAsync($"/v1/messages/{message["id"]}").OkAsync();
        Assert.Equal("hi\n", read["text"]!.ToString());
        Assert.Equal("", read["markdown"]!.ToString());
    }

    [Fact]
    public async Task AFileWrittenWithLiteDbsDefaultMapper_KeepsOpening()
    {
        using var data = new TempDataFile("mockwebex-oldmapper");
        string webhookId;
        await using (var emulator = await Emulator.StartAsync(dataPath: data.Path))
            webhookId = (await emulator.Client("alice-token").CreateWebhookAsync(new { name = "new", targetUrl = "http://127.0.0.1:9/h", resource = "messages", @event = "created" }))["id"]!.ToString();

        // What earlier versions did: LiteDB's default mapper, which trims strings and stores "" as null.
        using (var old = new LiteDB.LiteDatabase(data.Path))
        {
            var webhooks = old.GetCollection<MockWebex.Storage.WebhookRecord>("webhooks");
            var record = webhooks.FindOne(w => w.Id == webhookId);
            record.Name = "  written by an old version  ";
            record.Filter = "";
            webhooks.Update(record);
        }

        await using var restarted = await Emulator.StartAsync(dataPath: data.Path);
        var read = await restarted.Client("alice-token").GetWebexAsync($"/v1/webhooks/{webhookId}").OkAsync();
        Assert.Equal("written by an old version", read["name"]!.ToString());
        Assert.Null(read["filter"]);
    }

    private static async Task WebhookAsync(HttpClient client, string name, string other, Dictionary<string, (string, JsonObject)> written)
    {
        // Webex requires a name; a blank one is a 400 that must leave nothing behind.
        var created = await client.PostWebexAsync("/v1/webhooks",
            new { name, targetUrl = "http://127.0.0.1:9/hook", resource = "messages", @event = "created", secret = other });
        if (string.IsNullOrWhiteSpace(name))
        {
            Assert.Equal(HttpStatusCode.BadRequest, created.Status);
            return;
        }
        Assert.True(created.Status == HttpStatusCode.OK, $"webhook name {Describe(name)}: {created.Body?.ToJsonString()}");
        Assert.Equal(name, created["name"]);
        Assert.Equal(other, created.Body!["secret"]?.ToString() ?? "");
        var id = created["id"];
        written[id] = ("webhooks", created.Body!);
        if (string.IsNullOrWhiteSpace(other)) return;
        var updated = await client.PutWebexAsync($"/v1/webhooks/{id}", new { name = other, targetUrl = "http://127.0.0.1:9/hook", secret = name }).OkAsync();
        Assert.Equal(other, updated["name"]!.ToString());
        written[id] = ("webhooks", updated);
    }

    private static async Task RoomAsync(HttpClient client, string title, string other, Dictionary<string, (string, JsonObject)> written)
    {
        var created = await client.PostWebexAsync("/v1/rooms", new { title });
        if (string.IsNullOrWhiteSpace(title))
        {
            Assert.Equal(HttpStatusCode.BadRequest, created.Status);
            return;
        }
        Assert.True(created.Status == HttpStatusCode.OK, $"room title {Describe(title)}: {created.Body?.ToJsonString()}");
        Assert.Equal(title, created["title"]);
        written[created["id"]] = ("rooms", created.Body!);
        if (string.IsNullOrWhiteSpace(other)) return;
        var updated = await client.PutWebexAsync($"/v1/rooms/{created["id"]}", new { title = other }).OkAsync();
        Assert.Equal(other, updated["title"]!.ToString());
        written[created["id"]] = ("rooms", updated);
    }

    private static async Task MessageAsync(HttpClient client, string text, string markdown, Dictionary<string, (string, JsonObject)> written)
    {
        // Its own room: a message changes its room's lastActivity, which would spoil the room's comparison.
        var room = await client.PostWebexAsync("/v1/rooms", new { title = "messages" }).OkAsync();
        var roomId = room["id"]!.ToString();
        var created = await client.PostWebexAsync("/v1/messages", new { roomId, text, markdown = markdown + "!" });
        Assert.True(created.Status == HttpStatusCode.OK, $"message text {Describe(text)}: {created.Body?.ToJsonString()}");
        Assert.Equal(text, created["text"]);
        Assert.Equal(markdown + "!", created["markdown"]);
        written[created["id"]] = ("messages", created.Body!);
        var edited = await client.PutWebexAsync($"/v1/messages/{created["id"]}", new { roomId, text = markdown, markdown = "*" + text }).OkAsync();
        Assert.Equal(markdown, edited["text"]!.ToString());
        written[created["id"]] = ("messages", edited);
    }

    private static async Task MembershipsAndActionsAsync(HttpClient client, List<string> strings, Dictionary<string, (string, JsonObject)> written)
    {
        var room = await client.PostWebexAsync("/v1/rooms", new { title = "members" }).OkAsync();
        var roomId = room["id"]!.ToString();
        // Email case is kept as written.
        var member = await client.PostWebexAsync("/v1/memberships", new { roomId, personEmail = "Mixed.Case@Example.COM" }).OkAsync();
        Assert.Equal("Mixed.Case@Example.COM", member["personEmail"]!.ToString());
        var moderated = await client.PutWebexAsync($"/v1/memberships/{member["id"]}", new { isModerator = true }).OkAsync();
        written[member["id"]!.ToString()] = ("memberships", moderated);

        var card = new { contentType = "application/vnd.microsoft.card.adaptive", content = new { type = "AdaptiveCard", version = "1.2", body = Array.Empty<object>() } };
        var cardMessage = await client.PostWebexAsync("/v1/messages", new { roomId, text = "card", attachments = new[] { card } }).OkAsync();
        var inputs = new JsonObject();
        foreach (var (value, i) in strings.Select((s, i) => (s, i))) inputs[$"field{i}"] = value;
        var action = await client.PostWebexAsync("/v1/attachment/actions", new { type = "submit", messageId = cardMessage["id"]!.ToString(), inputs }).OkAsync();
        Assert.True(JsonNode.DeepEquals(inputs, action["inputs"]), action["inputs"]!.ToJsonString());
        written[action["id"]!.ToString()] = ("attachment/actions", action);
    }

    private static async Task AssertReadsBackAsync(HttpClient client, Dictionary<string, (string Kind, JsonObject Answer)> written)
    {
        foreach (var (id, (kind, answer)) in written)
        {
            var read = await client.GetWebexAsync($"/v1/{kind}/{id}").OkAsync();
            Assert.True(JsonNode.DeepEquals(answer, read), $"GET /v1/{kind}/{id}\nwrote {answer.ToJsonString()}\nread  {read.ToJsonString()}");
        }
        await AssertListedAsync(client, "/v1/webhooks?max=100", written, "webhooks");
        await AssertListedAsync(client, "/v1/rooms?max=1000", written, "rooms");
        foreach (var (id, (_, answer)) in written.Where(w => w.Value.Kind == "messages"))
        {
            var items = (await client.GetWebexAsync($"/v1/messages?roomId={answer["roomId"]}").OkAsync())["items"]!.AsArray();
            Assert.True(JsonNode.DeepEquals(answer, items.Single()), $"listed message {id}: {items.ToJsonString()}");
        }
        foreach (var (id, (_, answer)) in written.Where(w => w.Value.Kind == "memberships"))
        {
            var items = (await client.GetWebexAsync($"/v1/memberships?roomId={answer["roomId"]}").OkAsync())["items"]!.AsArray();
            Assert.True(JsonNode.DeepEquals(answer, items.Single(m => m!["id"]!.ToString() == id)), $"listed membership {id}");
        }
    }

    private static async Task AssertListedAsync(HttpClient client, string url, Dictionary<string, (string Kind, JsonObject Answer)> written, string kind)
    {
        var listed = (await client.GetWebexAsync(url).OkAsync())["items"]!.AsArray().ToDictionary(i => i!["id"]!.ToString());
        foreach (var (id, (_, answer)) in written.Where(w => w.Value.Kind == kind))
            Assert.True(JsonNode.DeepEquals(answer, listed[id]), $"listed {kind} {id}\nwrote  {answer.ToJsonString()}\nlisted {listed[id]!.ToJsonString()}");
    }

    /// <summary>Fixed edge cases, then seeded random mixes of the same pieces, up to the message limit (7,439 bytes).</summary>
    private static IEnumerable<string> GeneratedStrings(int seed, int count)
    {
        string[] edges = ["  padded title  ", "hi\n", "", " ", "\n\tlead and trail\t\n", "emoji 🎉👍🏽 and ZWJ 👩‍💻", "e\u0301 combining",
            "日本語のテキスト", "\r\nwindows\r\n", "zero\u200Bwidth", "quotes \" ' \\ / < > &", new string('x', 7000) + " "];
        foreach (var edge in edges) yield return edge;
        string[] pieces = [" ", "\n", "\t", "a", "Zürich", "🎉", "\u0301", "\u00A0", "中", "\\", "\"", "\r\n", "word", "👍🏽"];
        var random = new Random(seed);
        for (var i = edges.Length; i < count; i++)
        {
            var builder = new StringBuilder();
            var length = random.Next(1, 40);
            for (var j = 0; j < length; j++) builder.Append(pieces[random.Next(pieces.Length)]);
            yield return builder.ToString();
        }
    }

    private static string Describe(string value) => value.Length > 40 ? $"({value.Length} chars)" : $"'{value}'";
}
