using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
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
