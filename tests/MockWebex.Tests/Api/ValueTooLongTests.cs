using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using MockWebex.Tests.Infrastructure;

namespace MockWebex.Tests.Api;

/// <summary>
/// Values the emulator finds things by (emails, display names, ids, timestamps) longer than LiteDB's index keys allow
/// (1,023 bytes): each was a 500 with the request's other writes rolled back. Now a 400 that says so, nothing stored,
/// and the emulator goes on as before.
/// </summary>
public sealed class ValueTooLongTests
{
    private static readonly string Long = new('a', 1_100);
    private static readonly string LongPersonId = Convert.ToBase64String(Encoding.UTF8.GetBytes("ciscospark://us/PEOPLE/" + Long)).TrimEnd('=');

    [Theory]
    [InlineData("membership by email")]
    [InlineData("message to an email")]
    [InlineData("message mentioning an email")]
    [InlineData("team membership by id")]
    [InlineData("team membership by email")]
    public async Task V1_ALongValueToStore_Is400WithAWebexBody_AndStoresNothing(string what)
    {
        await using var emulator = await Emulator.StartAsync();
        var alice = emulator.Client("alice-token");
        var room = (await alice.PostWebexAsync("/v1/rooms", new { title = "r" }).OkAsync())["id"]!.ToString();
        var team = (await alice.PostWebexAsync("/v1/teams", new { name = "t" }).OkAsync())["id"]!.ToString();
        var (path, body) = what switch
        {
            "membership by email" => ("/v1/memberships", (object)new { roomId = room, personEmail = Long + "@example.com" }),
            "message to an email" => ("/v1/messages", new { toPersonEmail = Long + "@example.com", text = "hi" }),
            "message mentioning an email" => ("/v1/messages", new { roomId = room, markdown = $"hi <@personEmail:{Long}@example.com|you>" }),
            "team membership by id" => ("/v1/team/memberships", new { teamId = team, personId = LongPersonId }),
            _ => ("/v1/team/memberships", new { teamId = team, personEmail = Long + "@example.com" }),
        };

        var answer = await alice.PostWebexAsync(path, body);

        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        Assert.Contains("too long", answer.Message);
        Assert.NotNull(answer.Body!["trackingId"]);
        // Nothing of the request was stored: the room holds only alice and no message, the team only alice.
        Assert.Single((await alice.GetWebexAsync($"/v1/memberships?roomId={room}").OkAsync())["items"]!.AsArray());
        Assert.Empty((await alice.GetWebexAsync($"/v1/messages?roomId={room}").OkAsync())["items"]!.AsArray());
        Assert.Single((await alice.GetWebexAsync($"/v1/team/memberships?teamId={team}").OkAsync())["items"]!.AsArray());
        await alice.PostWebexAsync("/v1/memberships", new { roomId = room, personEmail = "bob@example.com" }).OkAsync();
    }

    [Theory]
    [InlineData("rooms", "created", "created")]
    [InlineData("messages", "created", "created")]
    [InlineData("memberships", "created", "personEmail")]
    [InlineData("memberships", "created", "personDisplayName")]
    [InlineData("attachmentActions", "created", "id")]
    public async Task Trigger_WithALongValueToStore_Is400_AndStoresNothing(string resource, string @event, string field)
    {
        await using var emulator = await Emulator.StartAsync();
        var admin = emulator.Client(null);
        await emulator.Client("alice-token").CreateWebhookAsync(new { name = "w", targetUrl = "http://127.0.0.1:9/in", resource = "all", @event = "all" });
        var before = await admin.GetStringAsync("/_emulator/deliveries");

        using var response = await admin.PostAsJsonAsync("/_emulator/events", new { resource, @event, data = new Dictionary<string, string> { [field] = Long } });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Contains("too long", problem["detail"]!.ToString());
        Assert.Equal(before, await admin.GetStringAsync("/_emulator/deliveries"));
        // The same trigger without the long value goes through, and what it stores is there.
        var triggered = await emulator.TriggerAsync(new { resource, @event });
        Assert.Equal(triggered["events"]!.AsArray().Sum(e => e!["deliveries"]!.AsArray().Count), (await emulator.DeliveriesAsync()).Count);
    }
}
