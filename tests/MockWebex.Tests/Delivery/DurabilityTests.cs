using System.Net.Http.Json;
using System.Text.Json.Nodes;
using MockWebex.Tests.Infrastructure;

namespace MockWebex.Tests.Delivery;

public sealed class DurabilityTests
{
    [Fact]
    public async Task PendingDeliveries_EmulatorStopped_SentAfterRestartInOrder()
    {
        using var dataFile = new TempDataFile("durable");
        var data = dataFile.Path;
        var hang = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var receiver = await TestReceiver.StartAsync();
        receiver.Respond = _ => hang.Task;
        try
        {
            List<string> expected;
            await using (var first = await Emulator.StartAsync(dataPath: data))
            {
                await first.Client().CreateWebhookAsync(new { name = "d", targetUrl = receiver.Url, resource = "messages", @event = "created" });
                var triggered = await first.TriggerAsync(new { resource = "messages", @event = "created", count = 3 });
                expected = triggered["events"]!.AsArray().Select(e => e!["data"]!["id"]!.ToString()).ToList();
                await receiver.WaitForAsync(1); // first in flight, two stored and waiting
            }

            receiver.Respond = _ => Task.FromResult(200);
            await using var second = await Emulator.StartAsync(dataPath: data);
            var received = await receiver.WaitForAsync(4);
            var afterRestart = received.Skip(1).Select(r => JsonNode.Parse(r.Body)!["data"]!["id"]!.ToString());
            Assert.Equal(expected, afterRestart);
            await second.WaitForDeliveriesAsync(d => d.Count == 3 && d.All(x => x!["status"]!.ToString() == "succeeded"));
        }
        finally
        {
            hang.TrySetResult(200);
        }
    }

    [Fact]
    public async Task PendingDeliveries_ProcessKilled_SentAfterRestart()
    {
        using var dataFile = new TempDataFile("killed");
        var data = dataFile.Path;
        var hang = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var receiver = await TestReceiver.StartAsync();
        receiver.Respond = _ => hang.Task;
        try
        {
            List<string> expected;
            await using (var serve = CliProcess.Start("serve", "--port", "0", "--data", data))
            {
                using var client = new HttpClient { BaseAddress = new Uri(await serve.WaitForUrlAsync()) };
                client.DefaultRequestHeaders.Authorization = new("Bearer", "kill-test");
                await client.CreateWebhookAsync(new { name = "k", targetUrl = receiver.Url, resource = "rooms", @event = "created" });
                var response = await client.PostAsJsonAsync("/_emulator/events", new { resource = "rooms", @event = "created", count = 3 });
                expected = (await response.ReadObjectAsync())["events"]!.AsArray().Select(e => e!["data"]!["id"]!.ToString()).ToList();
                await receiver.WaitForAsync(1);
            } // Dispose kills the process (SIGKILL): no graceful shutdown.

            receiver.Respond = _ => Task.FromResult(200);
            await using var again = CliProcess.Start("serve", "--port", "0", "--data", data);
            await again.WaitForUrlAsync();
            var received = await receiver.WaitForAsync(4, timeoutSeconds: 30);
            Assert.Equal(expected, received.Skip(1).Select(r => JsonNode.Parse(r.Body)!["data"]!["id"]!.ToString()));
        }
        finally
        {
            hang.TrySetResult(200);
        }
    }
}

public sealed class AtomicCommandTests
{
    /// <summary>
    /// An API call stores its resource and the deliveries of its events in one transaction. Bots post messages
    /// from four connections while the process is killed (SIGKILL) mid-stream: after a restart every stored
    /// message has its messages:created delivery and every delivery its message, whichever request the kill cut.
    /// </summary>
    [Fact]
    public async Task ApiWrites_ProcessKilledMidStream_NoMessageWithoutItsDelivery()
    {
        using var dataFile = new TempDataFile("atomic");
        await using var receiver = await TestReceiver.StartAsync();
        string roomId;
        var accepted = 0;
        await using (var serve = CliProcess.Start("serve", "--port", "0", "--data", dataFile.Path))
        {
            using var bot = new HttpClient { BaseAddress = new Uri(await serve.WaitForUrlAsync()), Timeout = TimeSpan.FromSeconds(10) };
            bot.DefaultRequestHeaders.Authorization = new("Bearer", "atomic-bot");
            await bot.CreateWebhookAsync(new { name = "a", targetUrl = receiver.Url, resource = "messages", @event = "created" });
            roomId = (await (await bot.PostAsJsonAsync("/v1/rooms", new { title = "atomic" })).ReadObjectAsync())["id"]!.ToString();

            var enough = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            using var stop = new CancellationTokenSource();
            var posters = Enumerable.Range(0, 4).Select(n => Task.Run(async () =>
            {
                for (var i = 0; !stop.IsCancellationRequested && i < 500; i++)
                {
                    try
                    {
                        using var response = await bot.PostAsJsonAsync("/v1/messages", new { roomId, text = $"poster {n} message {i}" }, stop.Token);
                        if (response.IsSuccessStatusCode && Interlocked.Increment(ref accepted) == 100) enough.TrySetResult();
                    }
                    catch (Exception e) when (e is HttpRequestException or OperationCanceledException)
                    {
                        return; // the process is gone
                    }
                }
            })).ToList();
            await enough.Task.WaitAsync(TimeSpan.FromSeconds(60));
            await serve.DisposeAsync(); // SIGKILL while the posters are still sending
            await stop.CancelAsync();
            await Task.WhenAll(posters);
        }

        await using var again = CliProcess.Start("serve", "--port", "0", "--data", dataFile.Path);
        using var admin = new HttpClient { BaseAddress = new Uri(await again.WaitForUrlAsync()) };
        var messageIds = JsonNode.Parse(await admin.GetStringAsync($"/_emulator/messages?roomId={Uri.EscapeDataString(roomId)}"))!.AsArray()
            .Select(m => m!["id"]!.ToString()).ToHashSet();
        var deliveredIds = JsonNode.Parse(await admin.GetStringAsync("/_emulator/deliveries?limit=10000&event=messages.created"))!.AsArray()
            .Select(d => JsonNode.Parse(d!["body"]!.ToString())!["data"]!["id"]!.ToString()).ToHashSet();
        Assert.True(messageIds.Count >= 100, $"only {messageIds.Count} messages stored, {accepted} accepted");
        Assert.Empty(messageIds.Except(deliveredIds));
        Assert.Empty(deliveredIds.Except(messageIds));
    }
}

public sealed class FailureWindowPersistenceTests
{
    [Fact]
    public async Task FailureWindow_SurvivesARestart()
    {
        await using var receiver = await TestReceiver.StartAsync();
        receiver.Respond = _ => Task.FromResult(500);
        using var data = new TempDataFile("mockwebex-failures");
        var settings = new Dictionary<string, string?> { ["Delivery:FailureThreshold"] = "10" };
        string id;
        await using (var first = await Emulator.StartAsync(settings, dataPath: data.Path))
        {
            id = (await first.Client().CreateWebhookAsync(new { name = "f", targetUrl = receiver.Url, resource = "messages", @event = "created" }))["id"]!.ToString();
            await first.TriggerAsync(new { resource = "messages", @event = "created", count = 7 });
            await first.WaitForDeliveriesAsync(d => d.Count == 7 && d.All(x => x!["status"]!.ToString() == "failed"));
        }
        await using var second = await Emulator.StartAsync(settings, dataPath: data.Path);
        var listed = System.Text.Json.Nodes.JsonNode.Parse(await second.Client(null).GetStringAsync("/_emulator/webhooks"))!.AsArray();
        Assert.Equal(7, listed.Single()!["recentFailures"]!.GetValue<int>());
        await second.TriggerAsync(new { resource = "messages", @event = "created", count = 3 });
        await second.WaitForDeliveriesAsync(d => d.Count == 10 && d.All(x => x!["status"]!.ToString() == "failed"));
        var hook = await second.Client().GetWebexAsync($"/v1/webhooks/{id}").OkAsync();
        Assert.Equal("inactive", hook["status"]!.ToString());
    }
}
