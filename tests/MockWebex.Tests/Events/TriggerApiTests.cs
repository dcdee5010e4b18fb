using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using MockWebex.Tests.Infrastructure;

namespace MockWebex.Tests.Events;

public sealed class TriggerApiTests
{
    [Fact]
    public async Task Trigger_OverridesDeepMerged_FilterMatchesAndResponseListsDeliveries()
    {
        await using var receiver = await TestReceiver.StartAsync();
        await using var emulator = await Emulator.StartAsync();
        var hook = await emulator.Client().CreateWebhookAsync(new { name = "calls", targetUrl = receiver.Url, resource = "telephony_calls", @event = "created", filter = "callType=external&number=+15550001111" });

        var result = await emulator.TriggerAsync(new { resource = "telephony_calls", @event = "created", data = new { remoteParty = new { callType = "external", number = "+15550001111" } } });
        var evt = result["events"]![0]!;
        Assert.Equal(hook["id"]!.ToString(), evt["deliveries"]![0]!["webhookId"]!.ToString());
        Assert.True(evt["deliveries"]![0]!["deliveryId"]!.GetValue<long>() > 0);
        var delivered = JsonNode.Parse((await receiver.WaitForAsync(1))[0].Body)!["data"]!["remoteParty"]!;
        Assert.Equal("+15550001111", delivered["number"]!.ToString());
        Assert.NotNull(delivered["name"]); // deep merge kept the generated siblings
    }

    [Fact]
    public async Task Trigger_SameSeed_SamePayloads()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var emulator = await Emulator.StartAsync(services: s => s.AddSingleton<TimeProvider>(clock));
        var a = await emulator.TriggerAsync(new { resource = "meetings", @event = "started", seed = 99, count = 2 });
        var b = await emulator.TriggerAsync(new { resource = "meetings", @event = "started", seed = 99, count = 2 });
        Assert.Equal(Data(a), Data(b));
        Assert.NotEqual(Data(a)[0], Data(a)[1]);

        static List<string> Data(JsonObject r) => r["events"]!.AsArray().Select(e => e!["data"]!.ToJsonString() + e["actorId"]).ToList();
    }

    [Fact]
    public async Task Trigger_ActorToken_EventCarriesActorAndOrg()
    {
        await using var receiver = await TestReceiver.StartAsync();
        await using var emulator = await Emulator.StartAsync();
        var alice = await emulator.Client("alice-token").CreateWebhookAsync(new { name = "a", targetUrl = receiver.Url, resource = "messages", @event = "created" });
        await emulator.Client("other-admin-token").CreateWebhookAsync(new { name = "other org", targetUrl = receiver.Url, resource = "messages", @event = "created" });

        var result = await emulator.TriggerAsync(new { resource = "messages", @event = "created", actor = "bob-token" });
        var deliveries = result["events"]![0]!["deliveries"]!.AsArray();
        Assert.Equal([alice["id"]!.ToString()], deliveries.Select(d => d!["webhookId"]!.ToString()));
        var body = JsonNode.Parse((await receiver.WaitForAsync(1))[0].Body)!;
        Assert.Equal("bob@example.com", body["data"]!["personEmail"]!.ToString());
        Assert.Equal(body["actorId"]!.ToString(), body["data"]!["personId"]!.ToString());
    }

    [Theory]
    [InlineData("""{"resource":"messages","event":"read"}""", "Unknown event 'messages.read'")]
    [InlineData("""{"resource":"widgets","event":"created"}""", "Unknown event 'widgets.created'")]
    [InlineData("""{"event":"created"}""", "resource and event are required")]
    [InlineData("""{"resource":"messages","event":"created","count":0}""", "count must be between 1 and 10000")]
    [InlineData("""{"resource":"messages","event":"created","count":10001}""", "count must be between 1 and 10000")]
    [InlineData("""{"resource":"telephony_calls","event":"created","data":{"remoteParty":"x"}}""", "override data.remoteParty must be an object")]
    [InlineData("""{"resource":"messages","event":"created","data":{"mentionedPeople":"x"}}""", "override data.mentionedPeople must be an array")]
    [InlineData("""{"resource":"messages","event":"created","actor":"nobody-known@nowhere"}""", "")]
    public async Task Trigger_BadInput_Returns400NamingTheProblem(string body, string expected)
    {
        await using var emulator = await Emulator.StartAsync(new() { ["Auth:Strict"] = "true" });
        var response = await emulator.Client(null).PostAsync("/_emulator/events", HttpJson.Json(body));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.ReadObjectAsync();
        Assert.Contains(expected, problem["detail"]!.ToString());
        Assert.Empty(await emulator.DeliveriesAsync());
    }

    [Fact]
    public async Task Trigger_MalformedJson_Returns400Not500()
    {
        await using var emulator = await Emulator.StartAsync();
        var response = await emulator.Client(null).PostAsync("/_emulator/events", HttpJson.Json("{\"resource\":"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Trigger_UnknownOverrideField_AddedWithWarning()
    {
        await using var emulator = await Emulator.StartAsync();
        var result = await emulator.TriggerAsync(new { resource = "rooms", @event = "created", data = new { teamId = "T1" } });
        Assert.Equal("T1", result["events"]![0]!["data"]!["teamId"]!.ToString());
        Assert.Contains("data.teamId is not a field", result["warnings"]![0]!.ToString());
    }

    [Fact]
    public async Task Trigger_ReachingNoWebhook_WarningSaysWhy()
    {
        await using var emulator = await Emulator.StartAsync();
        var none = await emulator.TriggerAsync(new { resource = "messages", @event = "created" });
        Assert.StartsWith("messages.created reached no webhook: there are none", none["warnings"]![0]!.ToString());

        await emulator.Client("alice-token").CreateWebhookAsync(new { name = "rooms only", targetUrl = "http://127.0.0.1:9/h", resource = "rooms", @event = "created" });
        var other = await emulator.TriggerAsync(new { resource = "messages", @event = "created" });
        Assert.Contains("none of the 1 webhook(s) listens to messages/created", other["warnings"]![0]!.ToString());

        await emulator.Client("alice-token").CreateWebhookAsync(new { name = "bot", targetUrl = "http://127.0.0.1:9/h", resource = "messages", @event = "created", filter = "roomId=abc" });
        var filtered = await emulator.TriggerAsync(new { resource = "messages", @event = "created", data = new { roomId = "xyz" } });
        var warning = filtered["warnings"]![0]!.ToString();
        Assert.StartsWith("messages.created reached no webhook: 'bot': ", warning);
        Assert.Contains("roomId", warning);

        var delivered = await emulator.TriggerAsync(new { resource = "messages", @event = "created", data = new { roomId = "abc" } });
        Assert.Empty(delivered["warnings"]!.AsArray());
    }

    [Fact]
    public async Task Fixtures_Endpoint_ListsEveryResourceEvent()
    {
        await using var emulator = await Emulator.StartAsync();
        var fixtures = await emulator.Client(null).GetFromJsonAsync<JsonArray>("/_emulator/fixtures");
        Assert.Equal(38, fixtures!.Count);
        Assert.Contains(fixtures, f => f!["name"]!.ToString() == "adminBatchJobs.statusChanged");
    }
}
