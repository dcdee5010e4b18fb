using System.Text.Json.Nodes;
using MockWebex.Delivery;
using MockWebex.Tests.Infrastructure;

namespace MockWebex.Tests.Delivery;

/// <summary>The worker's lanes come and go, and recovery after a restart queues nothing twice.</summary>
public sealed class DeliveryWorkerLifecycleTests
{
    [Fact]
    public async Task Lane_IdleLongerThanTimeout_IsRemoved_AndComesBackForTheNextDelivery()
    {
        await using var receiver = await TestReceiver.StartAsync();
        await using var emulator = await Emulator.StartAsync(new() { ["Delivery:LaneIdleTimeout"] = "00:00:00.200" });
        var worker = emulator.Service<DeliveryWorker>();
        await emulator.Client().CreateWebhookAsync(new { name = "lane", targetUrl = receiver.Url, resource = "messages", @event = "created" });
        Assert.Equal(0, worker.LaneCount);

        for (var round = 1; round <= 2; round++)
        {
            var seen = worker.LanesChanged.Version;
            await emulator.TriggerAsync(new { resource = "messages", @event = "created" });
            await receiver.WaitForAsync(round);
            // Opened for the delivery (one change), removed once idle (a second).
            await WaitForLaneChangesAsync(worker, seen + 2);
            Assert.Equal(0, worker.LaneCount);
        }
    }

    private static async Task WaitForLaneChangesAsync(DeliveryWorker worker, long version)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        while (worker.LanesChanged.Version < version)
            await worker.LanesChanged.WaitForChangeAsync(worker.LanesChanged.Version, timeout.Token);
    }

    [Fact]
    public async Task Restart_WithPendingDeliveries_AndNewEventsDuringRecovery_SendsEachExactlyOnce()
    {
        using var dataFile = new TempDataFile("recover-once");
        var hang = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var receiver = await TestReceiver.StartAsync();
        receiver.Respond = _ => hang.Task;
        try
        {
            await using (var first = await Emulator.StartAsync(dataPath: dataFile.Path))
            {
                await first.Client().CreateWebhookAsync(new { name = "once", targetUrl = receiver.Url, resource = "messages", @event = "created" });
                await first.TriggerAsync(new { resource = "messages", @event = "created", count = 20 });
                await receiver.WaitForAsync(1); // one in flight, 19 pending in the file
            }
            receiver.Respond = _ => Task.FromResult(200);

            // Events published while the restarted emulator may still be recovering the last run's.
            await using var second = await Emulator.StartAsync(dataPath: dataFile.Path);
            var triggers = Enumerable.Range(0, 5).Select(_ => second.TriggerAsync(new { resource = "messages", @event = "created", count = 4 }));
            await Task.WhenAll(triggers);
            await second.WaitForDeliveriesAsync(d => d.Count == 40 && d.All(x => x!["status"]!.ToString() == "succeeded"), "?limit=100");

            var ids = receiver.Received.Skip(1).Select(r => JsonNode.Parse(r.Body)!["data"]!["id"]!.ToString()).ToList();
            // The one in flight at the stop was never answered, so it is sent again: 20 recovered + 20 new, each once.
            Assert.Equal(40, ids.Count);
            Assert.Equal(ids.Count, ids.Distinct().Count());
        }
        finally
        {
            hang.TrySetResult(200);
        }
    }
}
