using System.Net.Http.Json;
using System.Text.Json.Nodes;
using MockWebex.Tests.Infrastructure;

namespace MockWebex.Tests.Resources;

/// <summary>Triggered events reach webhooks by room membership, whatever the actor's org; a 1:1 room has exactly two members.</summary>
public sealed class DeliveryByMembershipTests
{
    [Fact]
    public async Task TriggeredMessage_ActorOfAnotherOrg_InARoomTheOwnerIsIn_IsDelivered()
    {
        await using var receiver = await TestReceiver.StartAsync();
        await using var emulator = await Emulator.StartAsync();
        var otto = emulator.Client("other-admin-token"); // org "other"
        var alice = emulator.Client("alice-token");      // org "example"
        var hook = await otto.CreateWebhookAsync(new { name = "otto", targetUrl = receiver.Url, resource = "messages", @event = "created" });
        var roomId = (await (await alice.PostAsJsonAsync("/v1/rooms", new { title = "cross-org" })).ReadObjectAsync())["id"]!.ToString();
        (await alice.PostAsJsonAsync("/v1/memberships", new { roomId, personEmail = "admin@other.example" })).EnsureSuccessStatusCode();

        // bob (org "example") writes in alice's room; otto (org "other") is a member, so his webhook hears it.
        var result = await emulator.TriggerAsync(new { resource = "messages", @event = "created", actor = "bob-token", data = new { roomId, roomType = "group" } });
        Assert.Equal([hook["id"]!.ToString()], result["events"]![0]!["deliveries"]!.AsArray().Select(d => d!["webhookId"]!.ToString()));
        var delivered = JsonNode.Parse((await receiver.WaitForAsync(1))[0].Body)!;
        Assert.Equal(roomId, delivered["data"]!["roomId"]!.ToString());
    }

    [Fact]
    public async Task TriggeredMessage_InAnExistingRoom_ReachesOnlyItsMembers()
    {
        await using var receiver = await TestReceiver.StartAsync();
        await using var emulator = await Emulator.StartAsync();
        var alice = emulator.Client("alice-token");
        await emulator.Client("bob-token").CreateWebhookAsync(new { name = "bob", targetUrl = receiver.Url, resource = "messages", @event = "created" });
        var roomId = (await (await alice.PostAsJsonAsync("/v1/rooms", new { title = "alice only" })).ReadObjectAsync())["id"]!.ToString();

        var result = await emulator.TriggerAsync(new { resource = "messages", @event = "created", actor = "alice-token", data = new { roomId, roomType = "group" } });
        Assert.Empty(result["events"]![0]!["deliveries"]!.AsArray());
        var members = await alice.GetWebexAsync($"/v1/memberships?roomId={roomId}").OkAsync();
        Assert.Single(members["items"]!.AsArray()); // bob was not added to a room he is not in
    }

    [Fact]
    public async Task TriggeredMessage_NewRoom_MentioningSomeoneOfAnotherOrg_ReachesThem()
    {
        await using var receiver = await TestReceiver.StartAsync();
        await using var emulator = await Emulator.StartAsync();
        var otto = emulator.Client("other-admin-token");
        var ottoId = (await otto.GetWebexAsync("/v1/people/me").OkAsync())["id"]!.ToString();
        await otto.CreateWebhookAsync(new { name = "otto", targetUrl = receiver.Url, resource = "messages", @event = "created" });

        var unmentioned = await emulator.TriggerAsync(new { resource = "messages", @event = "created", actor = "bob-token", data = new { roomType = "group" } });
        Assert.Empty(unmentioned["events"]![0]!["deliveries"]!.AsArray());
        var mentioned = await emulator.TriggerAsync(new { resource = "messages", @event = "created", actor = "bob-token", data = new { roomType = "group", mentionedPeople = new[] { ottoId } } });
        Assert.Single(mentioned["events"]![0]!["deliveries"]!.AsArray());
    }

    [Fact]
    public async Task TriggeredDirectMessage_SeveralListeners_OpensATwoMemberRoomWithOneReceiver()
    {
        await using var receiver = await TestReceiver.StartAsync();
        await using var emulator = await Emulator.StartAsync();
        var alice = emulator.Client("alice-token");
        var first = await alice.CreateWebhookAsync(new { name = "alice", targetUrl = receiver.Url, resource = "messages", @event = "created" });
        await emulator.Client("bob-token").CreateWebhookAsync(new { name = "bob", targetUrl = receiver.Url, resource = "messages", @event = "created" });
        await emulator.Client("carol-token").CreateWebhookAsync(new { name = "carol", targetUrl = receiver.Url, resource = "messages", @event = "created" });

        var result = await emulator.TriggerAsync(new { resource = "messages", @event = "created", data = new { roomType = "direct" } });
        Assert.Equal([first["id"]!.ToString()], result["events"]![0]!["deliveries"]!.AsArray().Select(d => d!["webhookId"]!.ToString()));
        var roomId = result["events"]![0]!["data"]!["roomId"]!.ToString();
        var members = await alice.GetWebexAsync($"/v1/memberships?roomId={roomId}").OkAsync();
        Assert.Equal(2, members["items"]!.AsArray().Count);

        // The same room again: only its two members hear it.
        var again = await emulator.TriggerAsync(new { resource = "messages", @event = "created", data = new { roomId, roomType = "direct", personId = result["events"]![0]!["actorId"]!.ToString() } });
        Assert.Equal([first["id"]!.ToString()], again["events"]![0]!["deliveries"]!.AsArray().Select(d => d!["webhookId"]!.ToString()));
        Assert.Equal(2, (await alice.GetWebexAsync($"/v1/memberships?roomId={roomId}").OkAsync())["items"]!.AsArray().Count);
    }
}
