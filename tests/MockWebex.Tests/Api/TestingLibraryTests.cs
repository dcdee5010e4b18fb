using System.Net.Http.Json;
using MockWebex.Testing;
using MockWebex.Tests.Infrastructure;

namespace MockWebex.Tests.Api;

/// <summary>MockWebex.Testing as a consumer would use it: start in-process, register a webhook, trigger, read deliveries.</summary>
public sealed class TestingLibraryTests
{
    [Fact]
    public async Task MockWebexServer_InProcess_TriggerAndReadDeliveries()
    {
        await using var receiver = await TestReceiver.StartAsync();
        await using var webex = await MockWebexServer.StartAsync(new MockWebexServerOptions { Seed = 3 });
        using var bot = webex.CreateClient("my-bot-token");
        var created = await bot.PostAsJsonAsync("/v1/webhooks", new { name = "bot", targetUrl = receiver.Url, resource = "messages", @event = "created", secret = "s" });
        created.EnsureSuccessStatusCode();

        var result = await webex.TriggerAsync("messages", "created", new { roomId = "R" });
        var deliveries = await webex.WaitForDeliveriesAsync(1);

        Assert.Equal("succeeded", deliveries[0].Status);
        Assert.Equal("valid", deliveries[0].Signature);
        Assert.Equal(result.Events[0].Deliveries[0].DeliveryId, deliveries[0].Id);
        Assert.Contains("\"roomId\":\"R\"", (await receiver.WaitForAsync(1))[0].BodyText);
        Assert.StartsWith("http://127.0.0.1:", webex.BaseUrl);
    }
}
