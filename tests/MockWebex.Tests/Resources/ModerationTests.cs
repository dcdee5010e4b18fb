using System.Net;
using System.Text.Json.Nodes;
using MockWebex.Tests.Infrastructure;

namespace MockWebex.Tests.Resources;

/// <summary>Membership updates the way the SDK sends them, and moderation as the Webex app does it.</summary>
public sealed class ModerationTests
{
    [Fact]
    public async Task UpdateWithTheWholeMembershipObject_OnlyRealChangesChecked_ModeratingLocksTheRoom()
    {
        await using var hook = await TestReceiver.StartAsync();
        await using var emulator = await Emulator.StartAsync();
        var alice = emulator.Client("alice-token");
        var roomId = (await alice.PostWebexAsync("/v1/rooms", new { title = "Team" }).OkAsync())["id"]!.ToString();
        var bob = await alice.PostWebexAsync("/v1/memberships", new { roomId, personEmail = "bob@example.com" }).OkAsync();
        await alice.CreateWebhookAsync(new { name = "all", targetUrl = hook.Url, resource = "all", @event = "updated" });

        // The SDK's `m.isModerator = true; webex.memberships.update(m)`: every field sent back, isRoomHidden unchanged.
        bob["isModerator"] = true;
        var updated = await alice.PutWebexAsync($"/v1/memberships/{bob["id"]}", bob.ToJsonString()).OkAsync();
        Assert.True(updated["isModerator"]!.GetValue<bool>());

        var room = await alice.GetWebexAsync($"/v1/rooms/{roomId}").OkAsync();
        Assert.True(room["isLocked"]!.GetValue<bool>());
        var members = (await alice.GetWebexAsync($"/v1/memberships?roomId={roomId}").OkAsync())["items"]!.AsArray();
        Assert.All(members, m => Assert.True(m!["isModerator"]!.GetValue<bool>())); // alice became a moderator too
        var events = (await hook.WaitForAsync(3)).Select(r => JsonNode.Parse(r.Body)!).Select(e => $"{e["resource"]}.{e["event"]}").ToList();
        Assert.Equal(["memberships.updated", "memberships.updated", "rooms.updated"], events.Order());

        // A real change to someone else's isRoomHidden is still refused.
        bob["isRoomHidden"] = true;
        Assert.Equal(HttpStatusCode.Forbidden, (await alice.PutWebexAsync($"/v1/memberships/{bob["id"]}", bob.ToJsonString())).Status);
    }

    [Fact]
    public async Task LastModeratorStepsDown_RoomUnlocked_UnlockingRemovesEveryModerator()
    {
        await using var emulator = await Emulator.StartAsync();
        var alice = emulator.Client("alice-token");
        var roomId = (await alice.PostWebexAsync("/v1/rooms", new { title = "Team" }).OkAsync())["id"]!.ToString();
        await alice.PostWebexAsync("/v1/memberships", new { roomId, personEmail = "bob@example.com" }).OkAsync();
        var locked = await alice.PutWebexAsync($"/v1/rooms/{roomId}", new { title = "Team", isLocked = true }).OkAsync();
        Assert.True(locked["isLocked"]!.GetValue<bool>());
        var mine = (await alice.GetWebexAsync($"/v1/memberships?roomId={roomId}").OkAsync())["items"]!.AsArray().Single(m => m!["personEmail"]!.ToString() == "alice@example.com")!;
        Assert.True(mine["isModerator"]!.GetValue<bool>());

        await alice.PutWebexAsync($"/v1/memberships/{mine["id"]}", new { isModerator = false }).OkAsync();
        Assert.False((await alice.GetWebexAsync($"/v1/rooms/{roomId}").OkAsync())["isLocked"]!.GetValue<bool>());

        await alice.PutWebexAsync($"/v1/rooms/{roomId}", new { title = "Team", isLocked = true }).OkAsync();
        await alice.PutWebexAsync($"/v1/rooms/{roomId}", new { title = "Team", isLocked = false }).OkAsync();
        var members = (await alice.GetWebexAsync($"/v1/memberships?roomId={roomId}").OkAsync())["items"]!.AsArray();
        Assert.All(members, m => Assert.False(m!["isModerator"]!.GetValue<bool>()));
    }
}
