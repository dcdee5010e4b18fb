using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using MockWebex.Testing;
using MockWebex.Tests.Infrastructure;

namespace MockWebex.Tests.Delivery;

/// <summary>A trigger's "delivery" faults: duplicates, late and shuffled deliveries, as real webhooks misbehave.</summary>
public sealed class DeliveryFaultsTests
{
    [Fact]
    public async Task Duplicates_SameEventTwice_MarkedInTheLog()
    {
        await using var receiver = await TestReceiver.StartAsync();
        await using var emulator = await Emulator.StartAsync();
        await emulator.Client().CreateWebhookAsync(new { name = "d", targetUrl = receiver.Url, resource = "messages", @event = "created" });

        var result = await emulator.TriggerAsync(new { resource = "messages", @event = "created", delivery = new { duplicates = 1 } });
        Assert.Equal(2, result["events"]![0]!["deliveries"]!.AsArray().Count);
        var received = await receiver.WaitForAsync(2);
        Assert.Equal(received[0].BodyText, received[1].BodyText);
        var log = await emulator.WaitForDeliveriesAsync(d => d.Count == 2 && d.All(x => x!["status"]!.ToString() == "succeeded"));
        Assert.Equal([null, "duplicate"], log.Select(d => d!["fault"]?.ToString()).OrderBy(f => f));
        Assert.Equal(HttpStatusCode.BadRequest, (await emulator.Client(null).PostAsJsonAsync("/_emulator/events", new { resource = "messages", @event = "created", delivery = new { duplicates = 99 } })).StatusCode);
    }

    [Fact]
    public async Task Delayed_WaitsOnTheVirtualClock_OutOfOrder_AllArriveMarked()
    {
        await using var receiver = await TestReceiver.StartAsync();
        await using var webex = await MockWebexServer.StartAsync(new MockWebexServerOptions { VirtualClock = true });
        using var bot = webex.CreateClient("fault-bot");
        (await bot.PostAsJsonAsync("/v1/webhooks", new { name = "f", targetUrl = receiver.Url, resource = "messages", @event = "created" })).EnsureSuccessStatusCode();

        var late = await webex.TriggerAsync("messages", "created");
        await webex.WaitForDeliveryAsync(d => d.Status == "succeeded");
        var delayed = await TriggerAsync(webex, new { resource = "messages", @event = "created", delivery = new { delayMs = 60_000 } });
        var pending = Assert.Single(await webex.DeliveriesAsync(status: "pending"));
        Assert.Equal("delayed 60000 ms", pending.Fault);
        await webex.AdvanceClockAsync(TimeSpan.FromSeconds(61));
        var sent = await webex.WaitForDeliveryAsync(d => d.Id == delayed && d.Status == "succeeded");
        Assert.Equal("delayed 60000 ms", sent.Fault);

        await TriggerAsync(webex, new { resource = "messages", @event = "created", count = 5, delivery = new { outOfOrder = true } });
        var shuffled = await webex.WaitForDeliveriesAsync(7);
        Assert.Equal(5, shuffled.Count(d => d.Fault == "out of order"));
        Assert.Equal(7, (await receiver.WaitForAsync(7)).Count);
        Assert.NotNull(late);
    }

    private static async Task<long> TriggerAsync(MockWebexServer webex, object body)
    {
        using var admin = new HttpClient { BaseAddress = new Uri(webex.BaseUrl) };
        var result = await (await admin.PostAsJsonAsync("/_emulator/events", body)).Content.ReadFromJsonAsync<JsonObject>();
        return result!["events"]![0]!["deliveries"]![0]!["deliveryId"]!.GetValue<long>();
    }
}
