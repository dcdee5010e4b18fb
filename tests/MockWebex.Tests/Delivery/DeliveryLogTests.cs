using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using MockWebex.Delivery;
using MockWebex.Tests.Infrastructure;

namespace MockWebex.Tests.Delivery;

public sealed class DeliveryLogTests
{
    [Fact]
    public async Task DeliveryLog_RecordsEveryAttempt_FiltersAndNewestFirst()
    {
        await using var ok = await TestReceiver.StartAsync();
        await using var bad = await TestReceiver.StartAsync();
        bad.Respond = _ => Task.FromResult(418);
        await using var emulator = await Emulator.StartAsync();
        var client = emulator.Client();
        var good = (await client.CreateWebhookAsync(new { name = "ok", targetUrl = ok.Url, resource = "rooms", @event = "created", secret = "k" }))["id"]!.ToString();
        var failing = (await client.CreateWebhookAsync(new { name = "bad", targetUrl = bad.Url, resource = "rooms", @event = "created" }))["id"]!.ToString();

        await emulator.TriggerAsync(new { resource = "rooms", @event = "created", count = 2 });
        var all = await emulator.WaitForDeliveriesAsync(d => d.Count == 4 && d.All(x => x!["status"]!.ToString() != "pending"));
        var ids = all.Select(d => d!["id"]!.GetValue<long>()).ToList();
        Assert.Equal(ids.OrderByDescending(i => i), ids);

        var goodOnes = await emulator.DeliveriesAsync($"?webhookId={good}");
        Assert.Equal(2, goodOnes.Count);
        var attempt = goodOnes[0]!["attempts"]![0]!;
        Assert.Equal(200, attempt["responseStatus"]!.GetValue<int>());
        Assert.Equal("ok from receiver", attempt["responseBodyHead"]!.ToString());
        Assert.Equal(1, attempt["number"]!.GetValue<int>());
        Assert.True(attempt["latencyMs"]!.GetValue<double>() >= 0);
        Assert.Equal(WebhookSigner.Sign("k", System.Text.Encoding.UTF8.GetBytes(goodOnes[0]!["body"]!.ToString())), attempt["requestHeaders"]!["X-Spark-Signature"]!.ToString());
        Assert.Equal(ok.Received.Last().BodyText, goodOnes[0]!["body"]!.ToString());

        var failed = await emulator.DeliveriesAsync("?status=failed");
        Assert.Equal(2, failed.Count);
        Assert.All(failed, d => Assert.Equal(failing, d!["webhookId"]!.ToString()));
        Assert.Equal("receiver answered 418", failed[0]!["attempts"]![0]!["error"]!.ToString());
        Assert.Single(await emulator.DeliveriesAsync("?limit=1"));
    }

    [Theory]
    [InlineData("?status=bogus")]
    [InlineData("?limit=0")]
    [InlineData("?limit=abc")]
    public async Task DeliveryLog_BadQuery_Returns400(string query)
    {
        await using var emulator = await Emulator.StartAsync();
        var response = await emulator.Client(null).GetAsync("/_emulator/deliveries" + query);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Redeliver_AfterSecretChange_SameBytesNewSignature()
    {
        await using var receiver = await TestReceiver.StartAsync();
        await using var emulator = await Emulator.StartAsync();
        var client = emulator.Client();
        var hook = await client.CreateWebhookAsync(new { name = "r", targetUrl = receiver.Url, resource = "messages", @event = "created", secret = "old" });
        var triggered = await emulator.TriggerAsync(new { resource = "messages", @event = "created" });
        var deliveryId = triggered["events"]![0]!["deliveries"]![0]!["deliveryId"]!.GetValue<long>();
        var first = (await receiver.WaitForAsync(1))[0];
        await emulator.WaitForDeliveriesAsync(d => d.Count == 1 && d[0]!["status"]!.ToString() == "succeeded");

        await client.PutAsJsonAsync($"/v1/webhooks/{hook["id"]}", new { name = "renamed", targetUrl = receiver.Url, secret = "new" });
        var response = await emulator.Client(null).PostAsync($"/_emulator/deliveries/{deliveryId}/redeliver", HttpJson.Empty());
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(deliveryId, (await response.ReadObjectAsync())["redeliveryOf"]!.GetValue<long>());

        var second = (await receiver.WaitForAsync(2))[1];
        Assert.Equal(first.Body, second.Body);
        Assert.Equal(WebhookSigner.Sign("old", first.Body), first.Header("X-Spark-Signature"));
        Assert.Equal(WebhookSigner.Sign("new", second.Body), second.Header("X-Spark-Signature"));
        Assert.Equal(HttpStatusCode.NotFound, (await emulator.Client(null).PostAsync("/_emulator/deliveries/999999/redeliver", HttpJson.Empty())).StatusCode);
    }

    [Fact]
    public async Task DeliveryLogChanges_LongPoll_AnswersWhenTheLogMoves()
    {
        await using var receiver = await TestReceiver.StartAsync();
        await using var emulator = await Emulator.StartAsync();
        await emulator.Client().CreateWebhookAsync(new { name = "lp", targetUrl = receiver.Url, resource = "rooms", @event = "created" });
        var admin = emulator.Client(null);
        using var list = await admin.GetAsync("/_emulator/deliveries");
        var since = long.Parse(list.Headers.GetValues("X-Delivery-Log-Version").Single(), System.Globalization.CultureInfo.InvariantCulture);

        var poll = admin.GetFromJsonAsync<JsonObject>($"/_emulator/deliveries/changes?since={since}&timeout=60");
        Assert.False(poll.IsCompleted);
        await emulator.TriggerAsync(new { resource = "rooms", @event = "created" });
        var moved = await poll.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.True(moved!["version"]!.GetValue<long>() > since);

        // Nothing moves: the poll ends at its timeout with the same version.
        var now = (await admin.GetFromJsonAsync<JsonObject>("/_emulator/deliveries/changes?since=0&timeout=1"))!["version"]!.GetValue<long>();
        await emulator.WaitForDeliveriesAsync(d => d.Count == 1 && d[0]!["status"]!.ToString() == "succeeded");
        var settled = long.Parse((await admin.GetAsync("/_emulator/deliveries")).Headers.GetValues("X-Delivery-Log-Version").Single(), System.Globalization.CultureInfo.InvariantCulture);
        var idle = await admin.GetFromJsonAsync<JsonObject>($"/_emulator/deliveries/changes?since={settled}&timeout=1");
        Assert.Equal(settled, idle!["version"]!.GetValue<long>());
        Assert.True(now >= 1);
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, (await admin.GetAsync("/_emulator/deliveries/changes?since=0&timeout=0")).StatusCode);
    }

    [Fact]
    public async Task DeliveryLog_Retention_KeepsNewestOnly()
    {
        await using var receiver = await TestReceiver.StartAsync();
        await using var emulator = await Emulator.StartAsync(new() { ["Delivery:LogRetention"] = "10" });
        await emulator.Client().CreateWebhookAsync(new { name = "r", targetUrl = receiver.Url, resource = "rooms", @event = "created" });
        var triggered = await emulator.TriggerAsync(new { resource = "rooms", @event = "created", count = 30 });
        var newest = triggered["events"]!.AsArray().Select(e => e!["deliveries"]![0]!["deliveryId"]!.GetValue<long>()).OrderByDescending(i => i).Take(10).ToList();

        await receiver.WaitForAsync(30);
        var kept = await emulator.WaitForDeliveriesAsync(d => d.Count == 10 && d.All(x => x!["status"]!.ToString() == "succeeded"), "?limit=1000");
        Assert.Equal(newest, kept.Select(d => d!["id"]!.GetValue<long>()));
    }

    [Fact]
    public async Task Explain_FilterMismatchAndMatch_SaysWhy()
    {
        await using var emulator = await Emulator.StartAsync();
        var client = emulator.Client();
        var id = (await client.CreateWebhookAsync(new { name = "e", targetUrl = "http://127.0.0.1:1/x", resource = "messages", @event = "created", filter = "roomId=WANTED" }))["id"]!.ToString();
        var admin = emulator.Client(null);

        var miss = await admin.GetFromJsonAsync<JsonObject>($"/_emulator/webhooks/{id}/explain?resource=messages&event=created&data=" + Uri.EscapeDataString("""{"roomId":"OTHER"}"""));
        Assert.False(miss!["wouldDeliver"]!.GetValue<bool>());
        Assert.Equal("not delivered: filter roomId=WANTED: event has roomId=OTHER", miss["summary"]!.ToString());

        var hit = await admin.PostAsJsonAsync($"/_emulator/webhooks/{id}/explain", new { resource = "messages", @event = "created", data = new { roomId = "WANTED" } });
        var hitBody = await hit.ReadObjectAsync();
        Assert.True(hitBody["wouldDeliver"]!.GetValue<bool>());
        Assert.All(hitBody["checks"]!.AsArray(), c => Assert.True(c!["passed"]!.GetValue<bool>()));

        var wrongEvent = await admin.GetFromJsonAsync<JsonObject>($"/_emulator/webhooks/{id}/explain?resource=rooms&event=created");
        Assert.Contains("webhook resource is messages, event resource is rooms", wrongEvent!["summary"]!.ToString());

        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/_emulator/webhooks/nope/explain?resource=rooms&event=created")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.GetAsync($"/_emulator/webhooks/{id}/explain?resource=rooms&event=exploded")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.GetAsync($"/_emulator/webhooks/{id}/explain?resource=rooms&event=created&data=nope")).StatusCode);
    }
}
