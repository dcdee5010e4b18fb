using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using MockWebex.Delivery;
using MockWebex.Tests.Infrastructure;

namespace MockWebex.Tests.Delivery;

public sealed class DeliveryTests
{
    [Fact]
    public async Task Delivery_WithSecret_PostsCompactEnvelopeSignedOverExactBytes()
    {
        await using var receiver = await TestReceiver.StartAsync();
        await using var emulator = await Emulator.StartAsync();
        var hook = await emulator.Client().CreateWebhookAsync(new { name = "signed", targetUrl = receiver.Url, resource = "all", @event = "all", secret = "s3cr3t+", filter = "roomId=ROOM1" });

        var triggered = await emulator.TriggerAsync(new { resource = "messages", @event = "created", data = new { roomId = "ROOM1", personEmail = "zoë+test@example.com" } });
        var request = (await receiver.WaitForAsync(1)).Single();

        Assert.Equal("POST", request.Method);
        Assert.Equal("/hook", request.Path);
        Assert.StartsWith("application/json", request.Header("Content-Type"));
        Assert.Equal(WebhookSigner.Sign("s3cr3t+", request.Body), request.Header("X-Spark-Signature"));
        Assert.Matches("^[0-9a-f]{40}$", request.Header("X-Spark-Signature")!);

        var body = JsonNode.Parse(request.Body)!.AsObject();
        Assert.Equal(["id", "name", "targetUrl", "resource", "event", "filter", "orgId", "createdBy", "appId", "ownedBy", "status", "created", "actorId", "data"], body.Select(p => p.Key));
        Assert.Equal(hook["id"]!.ToString(), body["id"]!.ToString());
        Assert.Equal("messages", body["resource"]!.ToString());
        Assert.Equal("created", body["event"]!.ToString());
        Assert.Equal(hook["created"]!.ToString(), body["created"]!.ToString());
        Assert.Equal("active", body["status"]!.ToString());
        Assert.Equal(triggered["events"]![0]!["actorId"]!.ToString(), body["actorId"]!.ToString());
        Assert.DoesNotContain("secret", request.BodyText);
        Assert.Contains("zoë+test@example.com", request.BodyText);
        Assert.DoesNotContain("\\u", request.BodyText);
        Assert.DoesNotContain(" ", request.BodyText.Replace("Mock", ""), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("127.0.0.1", "/_emulator/events")]
    [InlineData("localhost", "/_EMULATOR/scenarios/bot-conversation/run")]
    [InlineData("127.0.0.1", "/%5Femulator/events")]
    public async Task Delivery_TargetUrlIsTheEmulatorsOwnControlPlane_NotSent_NoLoop(string host, string path)
    {
        await using var emulator = await Emulator.StartAsync();
        var target = $"http://{host}:{new Uri(emulator.BaseUrl).Port}{path}";
        await emulator.Client().CreateWebhookAsync(new { name = "loop", targetUrl = target, resource = "rooms", @event = "created" });

        await emulator.TriggerAsync(new { resource = "rooms", @event = "created", actor = "alice-token" });

        // Sent, the delivery would have made another event (stored before the 200 it got back) and so another delivery.
        var log = await emulator.WaitForDeliveriesAsync(d => d.Any(x => x!["status"]!.ToString() != "pending"));
        var only = Assert.Single(log);
        Assert.Equal("failed", only!["status"]!.ToString());
        Assert.Contains("this emulator's control plane", only["attempts"]![0]!["error"]!.ToString());
    }

    [Fact]
    public async Task Delivery_WithoutSecret_HasNoSignatureHeader()
    {
        await using var receiver = await TestReceiver.StartAsync();
        await using var emulator = await Emulator.StartAsync();
        await emulator.Client().CreateWebhookAsync(new { name = "plain", targetUrl = receiver.Url, resource = "rooms", @event = "created" });

        await emulator.TriggerAsync(new { resource = "rooms", @event = "created" });
        var request = (await receiver.WaitForAsync(1)).Single();
        Assert.Null(request.Header("X-Spark-Signature"));
    }

    [Fact]
    public async Task Delivery_FilterAndResource_OnlyMatchingWebhooksReceive()
    {
        await using var hit = await TestReceiver.StartAsync();
        await using var miss = await TestReceiver.StartAsync();
        await using var emulator = await Emulator.StartAsync();
        var client = emulator.Client();
        await client.CreateWebhookAsync(new { name = "hit", targetUrl = hit.Url, resource = "messages", @event = "created", filter = "roomId=X&roomType=group" });
        await client.CreateWebhookAsync(new { name = "other room", targetUrl = miss.Url, resource = "messages", @event = "created", filter = "roomId=Y" });
        await client.CreateWebhookAsync(new { name = "other event", targetUrl = miss.Url, resource = "messages", @event = "deleted" });
        await client.CreateWebhookAsync(new { name = "other resource", targetUrl = miss.Url, resource = "rooms", @event = "all" });
        var inactive = await client.CreateWebhookAsync(new { name = "inactive", targetUrl = miss.Url, resource = "messages", @event = "created" });
        emulator.Service<MockWebex.Webhooks.WebhookService>().Disable(inactive["id"]!.ToString(), DateTimeOffset.UtcNow);

        var result = await emulator.TriggerAsync(new { resource = "messages", @event = "created", data = new { roomId = "X", roomType = "group" } });
        await hit.WaitForAsync(1);
        Assert.Single(result["events"]![0]!["deliveries"]!.AsArray());
        await emulator.WaitForDeliveriesAsync(d => d.Count == 1 && d[0]!["status"]!.ToString() == "succeeded");
        Assert.Empty(miss.Received);
    }

    [Fact]
    public async Task Delivery_TwentyEvents_ArriveInOrder()
    {
        await using var receiver = await TestReceiver.StartAsync();
        await using var emulator = await Emulator.StartAsync();
        await emulator.Client().CreateWebhookAsync(new { name = "o", targetUrl = receiver.Url, resource = "messages", @event = "created" });

        var triggered = await emulator.TriggerAsync(new { resource = "messages", @event = "created", count = 20 });
        var expected = triggered["events"]!.AsArray().Select(e => e!["data"]!["id"]!.ToString()).ToList();
        var received = await receiver.WaitForAsync(20);
        Assert.Equal(expected, received.Select(r => JsonNode.Parse(r.Body)!["data"]!["id"]!.ToString()));
    }

    [Fact]
    public async Task Delivery_HangingReceiver_DoesNotDelayOtherWebhooksOrApi()
    {
        var never = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var hanging = await TestReceiver.StartAsync();
        hanging.Respond = _ => never.Task;
        await using var healthy = await TestReceiver.StartAsync();
        await using var emulator = await Emulator.StartAsync(new() { ["Delivery:Timeout"] = "00:01:00" });
        var client = emulator.Client();
        await client.CreateWebhookAsync(new { name = "hangs", targetUrl = hanging.Url, resource = "messages", @event = "created" });
        await client.CreateWebhookAsync(new { name = "healthy", targetUrl = healthy.Url, resource = "messages", @event = "created" });

        await emulator.TriggerAsync(new { resource = "messages", @event = "created", count = 3 });
        await hanging.WaitForAsync(1);
        await healthy.WaitForAsync(3, timeoutSeconds: 10);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/v1/webhooks")).StatusCode);
        Assert.Single(hanging.Received); // its lane is still stuck on the first event
        never.SetResult(200);
    }

    [Fact]
    public async Task Delivery_FailuresWithinWindow_WebhookInactive_ReactivateThenProbation()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var receiver = await TestReceiver.StartAsync();
        receiver.Respond = _ => Task.FromResult(500);
        await using var emulator = await Emulator.StartAsync(services: s => s.AddSingleton<TimeProvider>(clock));
        var client = emulator.Client();
        var id = (await client.CreateWebhookAsync(new { name = "flaky", targetUrl = receiver.Url, resource = "messages", @event = "created" }))["id"]!.ToString();

        await TriggerAndSettle(emulator, 99, failedTotal: 99);
        Assert.Equal("active", await Status(client, id));

        clock.Advance(TimeSpan.FromMinutes(5)); // the first 99 slide out of the window
        await TriggerAndSettle(emulator, 99, failedTotal: 198);
        Assert.Equal("active", await Status(client, id));

        await TriggerAndSettle(emulator, 1, failedTotal: 199);
        Assert.Equal("inactive", await Status(client, id));

        var none = await emulator.TriggerAsync(new { resource = "messages", @event = "created" });
        Assert.Empty(none["events"]![0]!["deliveries"]!.AsArray());

        clock.Advance(TimeSpan.FromMinutes(1));
        var reactivated = await client.PutAsJsonAsync($"/v1/webhooks/{id}", new { name = "flaky", targetUrl = receiver.Url, status = "active" });
        Assert.Equal("active", (await reactivated.ReadObjectAsync())["status"]!.ToString());

        clock.Advance(TimeSpan.FromMinutes(4)); // still within 5 minutes of reactivation: probation
        await TriggerAndSettle(emulator, 1, failedTotal: 200);
        Assert.Equal("inactive", await Status(client, id));
    }

    [Fact]
    public async Task Delivery_ReactivatedLongAfterDisable_NoProbation()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var receiver = await TestReceiver.StartAsync();
        receiver.Respond = _ => Task.FromResult(503);
        await using var emulator = await Emulator.StartAsync(new() { ["Delivery:FailureThreshold"] = "3" }, s => s.AddSingleton<TimeProvider>(clock));
        var client = emulator.Client();
        var id = (await client.CreateWebhookAsync(new { name = "f", targetUrl = receiver.Url, resource = "rooms", @event = "created" }))["id"]!.ToString();

        await TriggerAndSettle(emulator, 3, failedTotal: 3, resource: "rooms");
        Assert.Equal("inactive", await Status(client, id));
        clock.Advance(TimeSpan.FromMinutes(6));
        await client.PutAsJsonAsync($"/v1/webhooks/{id}", new { name = "f", targetUrl = receiver.Url, status = "active" });
        await TriggerAndSettle(emulator, 2, failedTotal: 5, resource: "rooms");
        Assert.Equal("active", await Status(client, id));
    }

    [Fact]
    public async Task Delivery_ReceiverTimesOut_CountsAsFailedAttempt()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var release = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var receiver = await TestReceiver.StartAsync();
        receiver.Respond = _ => release.Task;
        await using var emulator = await Emulator.StartAsync(new() { ["Delivery:FailureThreshold"] = "1" }, s => s.AddSingleton<TimeProvider>(clock));
        var client = emulator.Client();
        var id = (await client.CreateWebhookAsync(new { name = "slow", targetUrl = receiver.Url, resource = "rooms", @event = "created" }))["id"]!.ToString();

        await emulator.TriggerAsync(new { resource = "rooms", @event = "created" });
        await receiver.WaitForAsync(1);
        clock.Advance(TimeSpan.FromSeconds(10));
        var log = await emulator.WaitForDeliveriesAsync(d => d.Count == 1 && d[0]!["status"]!.ToString() == "failed");
        Assert.Equal("timeout after 10 s", log[0]!["attempts"]![0]!["error"]!.ToString());
        Assert.Equal("inactive", await Status(client, id));
        release.SetResult(200);
    }

    [Fact]
    public async Task Delivery_UnreachableTarget_FailedWithConnectionError()
    {
        await using var emulator = await Emulator.StartAsync();
        await emulator.Client().CreateWebhookAsync(new { name = "down", targetUrl = "http://127.0.0.1:1/nothing", resource = "rooms", @event = "created" });
        await emulator.TriggerAsync(new { resource = "rooms", @event = "created" });
        var log = await emulator.WaitForDeliveriesAsync(d => d.Count == 1 && d[0]!["status"]!.ToString() == "failed");
        var attempt = log[0]!["attempts"]![0]!;
        Assert.Null(attempt["responseStatus"]);
        Assert.False(string.IsNullOrEmpty(attempt["error"]!.ToString()));
    }

    [Fact]
    public async Task Delivery_RetriesEnabled_RetriesWithBackoffUntilSuccess()
    {
        var calls = 0;
        await using var receiver = await TestReceiver.StartAsync();
        receiver.Respond = _ => Task.FromResult(Interlocked.Increment(ref calls) <= 2 ? 502 : 204);
        await using var emulator = await Emulator.StartAsync(new() { ["Delivery:MaxRetries"] = "3", ["Delivery:RetryBackoff"] = "00:00:00.050" });
        await emulator.Client().CreateWebhookAsync(new { name = "r", targetUrl = receiver.Url, resource = "rooms", @event = "created" });

        await emulator.TriggerAsync(new { resource = "rooms", @event = "created" });
        var log = await emulator.WaitForDeliveriesAsync(d => d.Count == 1 && d[0]!["status"]!.ToString() == "succeeded");
        var attempts = log[0]!["attempts"]!.AsArray();
        Assert.Equal([502, 502, 204], attempts.Select(a => a!["responseStatus"]!.GetValue<int>()));
        Assert.Equal([1, 2, 3], attempts.Select(a => a!["number"]!.GetValue<int>()));
        Assert.Equal(3, receiver.Received.Count);
        Assert.Single(receiver.Received.Select(r => r.BodyText).Distinct());
    }

    /// <summary>A webhook deleted while its delivery is being retried gets no more attempts (the retries kept going to its target).</summary>
    [Fact]
    public async Task Delivery_WebhookDeletedBetweenRetries_NoMoreAttempts()
    {
        var firstAnswer = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var receiver = await TestReceiver.StartAsync();
        receiver.Respond = _ => receiver.Received.Count == 1 ? firstAnswer.Task : Task.FromResult(500);
        await using var emulator = await Emulator.StartAsync(new() { ["Delivery:MaxRetries"] = "3", ["Delivery:RetryBackoff"] = "00:00:00.050" });
        var client = emulator.Client();
        var id = (await client.CreateWebhookAsync(new { name = "r", targetUrl = receiver.Url, resource = "rooms", @event = "created" }))["id"]!.ToString();

        await emulator.TriggerAsync(new { resource = "rooms", @event = "created" });
        await receiver.WaitForAsync(1); // the first attempt is under way
        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteWebexAsync($"/v1/webhooks/{id}")).Status);
        firstAnswer.SetResult(500);

        var log = await emulator.WaitForDeliveriesAsync(d => d.Count == 1 && d[0]!["status"]!.ToString() == "failed");
        Assert.Single(log[0]!["attempts"]!.AsArray());
        Assert.Single(receiver.Received);
    }

    [Fact]
    public async Task Delivery_RetriesOffByDefault_SingleAttempt()
    {
        await using var receiver = await TestReceiver.StartAsync();
        receiver.Respond = _ => Task.FromResult(500);
        await using var emulator = await Emulator.StartAsync();
        await emulator.Client().CreateWebhookAsync(new { name = "r", targetUrl = receiver.Url, resource = "rooms", @event = "created" });
        await emulator.TriggerAsync(new { resource = "rooms", @event = "created" });
        var log = await emulator.WaitForDeliveriesAsync(d => d.Count == 1 && d[0]!["status"]!.ToString() == "failed");
        Assert.Single(log[0]!["attempts"]!.AsArray());
        // "failed" is written only after the last attempt, so every attempt has reached the receiver by now.
        Assert.Single(receiver.Received);
    }

    private static async Task TriggerAndSettle(Emulator emulator, int count, int failedTotal, string resource = "messages")
    {
        await emulator.TriggerAsync(new { resource, @event = "created", count });
        await emulator.WaitForDeliveriesAsync(d => d.Count(x => x!["status"]!.ToString() == "failed") == failedTotal, "?limit=10000");
    }

    private static async Task<string> Status(HttpClient client, string id) =>
        (await client.GetFromJsonAsync<JsonObject>($"/v1/webhooks/{id}"))!["status"]!.ToString();
}
