using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using MockWebex.Delivery;
using MockWebex.Tests.Infrastructure;
using static MockWebex.Tests.Infrastructure.TunnelProcesses;

namespace MockWebex.Tests.Forwarder;

/// <summary>
/// The whole path a bot team uses, every piece its own process: `serve` plays Webex and holds a webhook
/// whose targetUrl is the relay's public URL; `listen` brings deliveries to the bot on localhost.
/// </summary>
public sealed class TunnelEndToEndTests : IDisposable
{
    private readonly TempDataFile _data = new("mockwebex-e2e");

    public void Dispose() => _data.Dispose();

    [Fact]
    public async Task TriggeredEvent_ReachesTheBotSignedThroughTheTunnel_AndTheBotsFailuresDisableTheWebhook()
    {
        await using var bot = await TestReceiver.StartAsync();
        var (relay, relayUrl) = await StartRelayAsync();
        await using var _ = relay;
        await using var listen = await StartListenAsync(relayUrl, "bot", bot.Url, "--secret", "s3cret");
        await using var serve = await StartServeAsync();
        using var webex = Client(serve.Url);
        var webhook = await CreateWebhookAsync(webex, relayUrl + "/hooks/bot");

        await TriggerAsync(webex, 1);
        var delivery = (await bot.WaitForAsync(1)).Single();
        Assert.Equal(WebhookSigner.Sign("s3cret", delivery.Body), delivery.Header(WebhookSigner.Header));
        Assert.Equal("messages", JsonNode.Parse(delivery.Body)!["resource"]!.ToString());
        await listen.WaitForOutputAsync("messages.created .* 200 .*signature ok");

        // The bot fails; each failure travels back through the tunnel and counts (threshold 3 here).
        bot.Respond = _ => Task.FromResult(500);
        await TriggerAsync(webex, 3);
        var state = await WaitForWebhookAsync(webex, webhook, w => w["webhook"]!["status"]!.ToString() == "inactive");
        Assert.Equal(3, state["recentFailures"]!.GetValue<int>());
        Assert.Equal(4, bot.Received.Count);
    }

    [Fact]
    public async Task WhenOfflineQueue_LaptopAsleep_WebexSeesNoFailure_AndTheBotGetsEverythingOnWaking()
    {
        await using var bot = await TestReceiver.StartAsync();
        var queue = Path.Combine(Path.GetTempPath(), $"relay-queue-{Guid.NewGuid():N}");
        var (relay, relayUrl) = await StartRelayAsync("--when-offline", "queue", "--queue-dir", queue);
        await using var _ = relay;
        try
        {
            await using var serve = await StartServeAsync();
            using var webex = Client(serve.Url);
            var webhook = await CreateWebhookAsync(webex, relayUrl + "/hooks/bot");

            await TriggerAsync(webex, 4); // no client attached: the relay keeps them and answers 200
            var log = await WaitForDeliveriesAsync(webex, d => d.Count == 4 && d.All(x => x!["status"]!.ToString() == "succeeded"));
            Assert.All(log, d => Assert.Equal(200, d!["attempts"]!.AsArray().Last()!["responseStatus"]!.GetValue<int>()));
            var state = await WaitForWebhookAsync(webex, webhook, w => true);
            Assert.Equal("active", state["webhook"]!["status"]!.ToString());
            Assert.Equal(0, state["recentFailures"]!.GetValue<int>());
            Assert.Empty(bot.Received);

            await using var listen = await StartListenAsync(relayUrl, "bot", bot.Url, "--secret", "s3cret");
            var received = await bot.WaitForAsync(4);
            var sentIds = log.Select(d => d!["eventId"]!.ToString()).Reverse().ToList(); // the log is newest first
            Assert.All(received, r => Assert.Equal(WebhookSigner.Sign("s3cret", r.Body), r.Header(WebhookSigner.Header)));
            Assert.Equal(4, received.Select(r => JsonNode.Parse(r.Body)!["data"]!["id"]!.ToString()).Distinct().Count());
            Assert.Equal(sentIds.Count, received.Count);
        }
        finally
        {
            if (Directory.Exists(queue)) Directory.Delete(queue, recursive: true);
        }
    }

    private sealed record Serve(CliProcess Process, string Url) : IAsyncDisposable
    {
        public ValueTask DisposeAsync() => Process.DisposeAsync();
    }

    private async Task<Serve> StartServeAsync()
    {
        var serve = CliProcess.StartProgram("dotnet", [Repo.MockWebexDll, "serve", "--port", "0", "--data", _data.Path],
            new Dictionary<string, string> { ["MOCKWEBEX__Delivery__FailureThreshold"] = "3" });
        return new Serve(serve, await serve.WaitForUrlAsync());
    }

    private static HttpClient Client(string url)
    {
        var client = new HttpClient { BaseAddress = new Uri(url), Timeout = TimeSpan.FromSeconds(30) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "bot-team-token");
        return client;
    }

    private static async Task<string> CreateWebhookAsync(HttpClient webex, string targetUrl)
    {
        var created = await webex.CreateWebhookAsync(new { name = "through the tunnel", targetUrl, resource = "messages", @event = "created", secret = "s3cret" });
        return created["id"]!.ToString();
    }

    private static async Task TriggerAsync(HttpClient webex, int count)
    {
        var response = await webex.PostAsJsonAsync("/_emulator/events", new { resource = "messages", @event = "created", count });
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }

    private static Task<JsonNode> WaitForWebhookAsync(HttpClient webex, string id, Func<JsonNode, bool> done) =>
        RemoteEmulator.WaitForWebhookAsync(webex, id, done);

    private static Task<JsonArray> WaitForDeliveriesAsync(HttpClient webex, Func<JsonArray, bool> done) =>
        RemoteEmulator.WaitForDeliveriesAsync(webex, done);
}
