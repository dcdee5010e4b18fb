using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using MockWebex.Tests.Infrastructure;

namespace MockWebex.Tests.Events;

public sealed class ScenarioAndCliTests
{
    [Fact]
    public async Task Scenario_BotConversation_DeliversInOrderWithConsistentRoom()
    {
        await using var receiver = await TestReceiver.StartAsync();
        await using var cards = await TestReceiver.StartAsync();
        await using var emulator = await Emulator.StartAsync();
        var client = emulator.Client();
        await client.CreateWebhookAsync(new { name = "firehose", targetUrl = receiver.Url, resource = "all", @event = "all" });
        await client.CreateWebhookAsync(new { name = "cards", targetUrl = cards.Url, resource = "attachmentActions", @event = "created" });

        var response = await emulator.Client(null).PostAsync("/_emulator/scenarios/bot-conversation/run?seed=5", HttpJson.Empty());
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        // One webhook keeps event order; the card goes to its own webhook (cards are not in the firehose).
        var received = (await receiver.WaitForAsync(5)).Select(r => JsonNode.Parse(r.Body)!).ToList();
        var card = JsonNode.Parse((await cards.WaitForAsync(1)).Single().Body)!;

        Assert.Equal(
            ["rooms.created", "memberships.created", "messages.created", "messages.created", "memberships.deleted"],
            received.Select(b => $"{b["resource"]}.{b["event"]}"));
        var roomId = received[0]["data"]!["id"]!.ToString();
        Assert.All(received.Skip(1).Append(card), b => Assert.Equal(roomId, b["data"]!["roomId"]!.ToString()));
        var botId = received[1]["data"]!["personId"]!.ToString();
        Assert.Equal(botId, received[2]["data"]!["mentionedPeople"]![0]!.ToString());
        Assert.Equal(received[3]["data"]!["id"]!.ToString(), card["data"]!["messageId"]!.ToString());
        Assert.Equal(received[1]["data"]!["id"]!.ToString(), received[4]["data"]!["id"]!.ToString());
        Assert.Single(received.Append(card).Select(b => b["actorId"]!.ToString()).Distinct());
    }

    [Fact]
    public async Task Scenario_MeetingLifecycle_AllStepsShareTheMeeting()
    {
        await using var receiver = await TestReceiver.StartAsync();
        await using var emulator = await Emulator.StartAsync();
        var client = emulator.Client();
        foreach (var (resource, @event) in new[] { ("meetings", "created"), ("meetings", "started"), ("meetingParticipants", "joined"), ("meetingParticipants", "left"), ("meetings", "ended"), ("recordings", "created"), ("meetingTranscripts", "created") })
            await client.CreateWebhookAsync(new { name = $"{resource}.{@event}", targetUrl = receiver.Url, resource, @event });

        var run = await (await emulator.Client(null).PostAsync("/_emulator/scenarios/meeting-lifecycle/run", HttpJson.Empty())).ReadObjectAsync();
        Assert.Equal(7, run["steps"]!.AsArray().Count);
        // Seven webhooks are seven lanes: arrival order across them is not defined, so look events up by name.
        var received = (await receiver.WaitForAsync(7)).Select(r => JsonNode.Parse(r.Body)!).ToDictionary(b => $"{b["resource"]}.{b["event"]}", b => b["data"]!);
        var meetingId = received["meetings.started"]["id"]!.ToString();
        Assert.Contains("_I_", meetingId);
        Assert.Equal(meetingId, received["meetingParticipants.joined"]["meetingId"]!.ToString());
        Assert.Equal(meetingId, received["meetingParticipants.left"]["meetingId"]!.ToString());
        Assert.Equal(meetingId, received["meetings.ended"]["id"]!.ToString());
        Assert.Equal(meetingId, received["recordings.created"]["meetingId"]!.ToString());
        Assert.Equal(meetingId, received["meetingTranscripts.created"]["meetingId"]!.ToString());
        Assert.Equal(received["meetings.created"]["meetingSeriesId"]!.ToString(), received["meetings.ended"]["meetingSeriesId"]!.ToString());
        Assert.Equal(received["meetingParticipants.joined"]["id"]!.ToString(), received["meetingParticipants.left"]["id"]!.ToString());
    }

    [Fact]
    public async Task Scenario_ServiceApp_AuthorizedThenDeauthorizedSameApp()
    {
        await using var receiver = await TestReceiver.StartAsync();
        await using var emulator = await Emulator.StartAsync();
        await emulator.Client().CreateWebhookAsync(new { name = "a", targetUrl = receiver.Url, resource = "serviceApp", @event = "authorized" });
        await emulator.Client().CreateWebhookAsync(new { name = "d", targetUrl = receiver.Url, resource = "serviceApp", @event = "deauthorized" });

        await emulator.Client(null).PostAsync("/_emulator/scenarios/service-app/run", HttpJson.Empty());
        var received = (await receiver.WaitForAsync(2)).Select(r => JsonNode.Parse(r.Body)!).OrderBy(b => b["event"]!.ToString()).ToList();
        Assert.Equal(["authorized", "deauthorized"], received.Select(b => b["event"]!.ToString()));
        Assert.Equal(received[0]["data"]!["id"]!.ToString(), received[1]["data"]!["id"]!.ToString());
        Assert.Equal(received[0]["data"]!["scopes"]!.ToJsonString(), received[1]["data"]!["scopes"]!.ToJsonString());
    }

    [Fact]
    public async Task Scenario_Unknown_Returns404_ListShowsShipped()
    {
        await using var emulator = await Emulator.StartAsync();
        var admin = emulator.Client(null);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.PostAsync("/_emulator/scenarios/nope/run", HttpJson.Empty())).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.PostAsync("/_emulator/scenarios/..%2Fevents%2Fmessages.created/run", HttpJson.Empty())).StatusCode);
        var names = (await admin.GetFromJsonAsync<JsonArray>("/_emulator/scenarios"))!.Select(s => s!["name"]!.ToString());
        Assert.Equal(["bot-conversation", "meeting-lifecycle", "service-app"], names);
    }

    [Fact]
    public async Task CliTrigger_SetOverrides_DeliveredAndReadableOutput()
    {
        await using var receiver = await TestReceiver.StartAsync();
        await using var emulator = await Emulator.StartAsync();
        await emulator.Client().CreateWebhookAsync(new { name = "cli", targetUrl = receiver.Url, resource = "messages", @event = "created", filter = "roomId=CLI-ROOM&hasFiles=true" });

        var (exit, output) = await CliProcess.RunAsync("trigger", "messages.created", "--set", "data.roomId=CLI-ROOM", "--set", "data.files=[\"https://x/f.png\"]",
            "--count", "2", "--seed", "1", "--server", emulator.BaseUrl);
        Assert.True(exit == 0, output);
        Assert.Contains("2 event(s), 2 delivery(ies) queued", output);
        var bodies = (await receiver.WaitForAsync(2)).Select(r => JsonNode.Parse(r.Body)!["data"]!).ToList();
        Assert.All(bodies, d => Assert.Equal("CLI-ROOM", d["roomId"]!.ToString()));
        Assert.All(bodies, d => Assert.Equal("https://x/f.png", d["files"]![0]!.ToString()));
    }

    [Fact]
    public async Task CliTrigger_Text_IsWhatTheReceiverFetches()
    {
        await using var receiver = await TestReceiver.StartAsync();
        await using var emulator = await Emulator.StartAsync();
        var bob = emulator.Client("bob-token");
        await bob.CreateWebhookAsync(new { name = "cli", targetUrl = receiver.Url, resource = "messages", @event = "created" });

        var (exit, output) = await CliProcess.RunAsync("trigger", "messages.created", "--text", "deploy done ✅", "--server", emulator.BaseUrl);
        Assert.True(exit == 0, output);
        var id = JsonNode.Parse((await receiver.WaitForAsync(1))[0].Body)!["data"]!["id"]!.ToString();
        Assert.Equal("deploy done ✅", (await bob.GetWebexAsync($"/v1/messages/{id}").OkAsync())["text"]!.ToString());
    }

    [Theory]
    [InlineData("messages", "--server", "http://127.0.0.1:1", "resource.event")]
    [InlineData("messages.created", "--set", "roomId=x", "expected data.path=value")]
    [InlineData("messages.created", "--server", "http://127.0.0.1:1", "cannot reach the emulator")]
    public async Task CliTrigger_BadInput_ExitCode2WithMessage(string evt, string option, string value, string expected)
    {
        var (exit, output) = await CliProcess.RunAsync("trigger", evt, option, value);
        Assert.Equal(2, exit);
        Assert.Contains(expected, output);
    }

    [Fact]
    public async Task CliTrigger_UnknownEvent_ShowsServerMessage()
    {
        await using var emulator = await Emulator.StartAsync();
        var (exit, output) = await CliProcess.RunAsync("trigger", "messages.read", "--server", emulator.BaseUrl);
        Assert.Equal(2, exit);
        Assert.Contains("400: Unknown event 'messages.read'", output);
    }

    [Fact]
    public async Task CliFixtures_ListsEveryResourceEvent()
    {
        var (exit, output) = await CliProcess.RunAsync("fixtures");
        Assert.Equal(0, exit);
        Assert.Contains("38 fixtures", output);
        Assert.Contains("meetingParticipants.joined", output);
        Assert.Contains("telephony_mwi.updated", output);
    }

    [Fact]
    public async Task CliScenario_RunsAgainstServer()
    {
        await using var receiver = await TestReceiver.StartAsync();
        await using var emulator = await Emulator.StartAsync();
        await emulator.Client().CreateWebhookAsync(new { name = "a", targetUrl = receiver.Url, resource = "serviceApp", @event = "authorized" });
        var (exit, output) = await CliProcess.RunAsync("scenario", "service-app", "--server", emulator.BaseUrl);
        Assert.True(exit == 0, output);
        Assert.Contains("serviceApp.authorized", output);
        await receiver.WaitForAsync(1);
    }
}
