using System.Net;
using System.Text.Json.Nodes;
using MockWebex.Tests.Infrastructure;

namespace MockWebex.Tests.Resources;

/// <summary>/v1/teams and /v1/team/memberships, with the team's general room and rooms made in a team.</summary>
public sealed class TeamsApiTests
{
    [Fact]
    public async Task CreateTeam_MakesItsGeneralRoom_OnlyMembersSeeIt()
    {
        await using var emulator = await Emulator.StartAsync();
        var alice = emulator.Client("alice-token");
        var bob = emulator.Client("bob-token");

        var team = await alice.PostWebexAsync("/v1/teams", new { name = "Platform", description = "the platform team" }).OkAsync();
        Assert.Equal("Platform", team["name"]!.ToString());
        Assert.Equal("the platform team", team["description"]!.ToString());
        var teamId = team["id"]!.ToString();
        Assert.Single((await alice.GetWebexAsync("/v1/teams").OkAsync())["items"]!.AsArray(), t => t!["id"]!.ToString() == teamId);

        var general = Assert.Single((await alice.GetWebexAsync($"/v1/rooms?teamId={teamId}").OkAsync())["items"]!.AsArray())!;
        Assert.Equal("Platform", general["title"]!.ToString());
        Assert.Equal(teamId, general["teamId"]!.ToString());

        Assert.Equal(HttpStatusCode.NotFound, (await bob.GetWebexAsync($"/v1/teams/{teamId}")).Status);
        Assert.Empty((await bob.GetWebexAsync("/v1/teams").OkAsync())["items"]!.AsArray());
        Assert.Equal(HttpStatusCode.NotFound, (await bob.GetWebexAsync($"/v1/team/memberships?teamId={teamId}")).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await alice.PostWebexAsync("/v1/teams", new { description = "no name" })).Status);
    }

    [Fact]
    public async Task TeamMemberships_JoinAndLeaveTheGeneralRoom_WithTheirEvents()
    {
        await using var receiver = await TestReceiver.StartAsync();
        await using var emulator = await Emulator.StartAsync();
        var alice = emulator.Client("alice-token");
        var bob = emulator.Client("bob-token");
        await bob.CreateWebhookAsync(new { name = "bob", targetUrl = receiver.Url, resource = "memberships", @event = "all" });
        var teamId = (await alice.PostWebexAsync("/v1/teams", new { name = "Ops" }).OkAsync())["id"]!.ToString();

        var added = await alice.PostWebexAsync("/v1/team/memberships", new { teamId, personEmail = "bob@example.com" }).OkAsync();
        Assert.Equal(teamId, added["teamId"]!.ToString());
        Assert.False(added["isModerator"]!.GetValue<bool>());
        Assert.Equal(HttpStatusCode.Conflict, (await alice.PostWebexAsync("/v1/team/memberships", new { teamId, personEmail = "bob@example.com" })).Status);
        var generalId = Assert.Single((await bob.GetWebexAsync($"/v1/rooms?teamId={teamId}").OkAsync())["items"]!.AsArray())!["id"]!.ToString();
        var joined = JsonNode.Parse((await receiver.WaitForAsync(1))[0].Body)!;
        Assert.Equal("created", joined["event"]!.ToString());
        Assert.Equal(generalId, joined["data"]!["roomId"]!.ToString());

        var members = (await bob.GetWebexAsync($"/v1/team/memberships?teamId={teamId}").OkAsync())["items"]!.AsArray();
        Assert.Equal(2, members.Count);
        Assert.True(members.Single(m => m!["personEmail"]!.ToString() == "alice@example.com")!["isModerator"]!.GetValue<bool>());

        // Only a moderator renames the team or changes moderators; anyone may leave.
        Assert.Equal(HttpStatusCode.Forbidden, (await bob.PutWebexAsync($"/v1/teams/{teamId}", new { name = "Bob's" })).Status);
        Assert.Equal("Ops 2", (await alice.PutWebexAsync($"/v1/teams/{teamId}", new { name = "Ops 2" }).OkAsync())["name"]!.ToString());
        Assert.Equal(HttpStatusCode.Forbidden, (await bob.PutWebexAsync($"/v1/team/memberships/{added["id"]}", new { isModerator = true })).Status);
        Assert.True((await alice.PutWebexAsync($"/v1/team/memberships/{added["id"]}", new { isModerator = true }).OkAsync())["isModerator"]!.GetValue<bool>());
        Assert.Equal(HttpStatusCode.NoContent, (await bob.DeleteWebexAsync($"/v1/team/memberships/{added["id"]}")).Status);

        var left = JsonNode.Parse((await receiver.WaitForAsync(2))[1].Body)!;
        Assert.Equal("deleted", left["event"]!.ToString());
        Assert.Equal(HttpStatusCode.NotFound, (await bob.GetWebexAsync($"/v1/rooms/{generalId}")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await bob.GetWebexAsync($"/v1/teams/{teamId}")).Status);
    }

    [Fact]
    public async Task RoomsInATeam_OnlyMembersMakeThem_AndDeletingTheTeamKeepsThem()
    {
        await using var emulator = await Emulator.StartAsync();
        var alice = emulator.Client("alice-token");
        var bob = emulator.Client("bob-token");
        var teamId = (await alice.PostWebexAsync("/v1/teams", new { name = "Eng" }).OkAsync())["id"]!.ToString();

        var room = await alice.PostWebexAsync("/v1/rooms", new { title = "eng-standup", teamId }).OkAsync();
        Assert.Equal(teamId, room["teamId"]!.ToString());
        Assert.Equal(HttpStatusCode.NotFound, (await bob.PostWebexAsync("/v1/rooms", new { title = "sneaky", teamId })).Status);
        Assert.Equal(2, (await alice.GetWebexAsync($"/v1/rooms?teamId={teamId}").OkAsync())["items"]!.AsArray().Count);
        await alice.PostWebexAsync("/v1/rooms", new { title = "not in the team" }).OkAsync();
        Assert.Equal(2, (await alice.GetWebexAsync($"/v1/rooms?teamId={teamId}").OkAsync())["items"]!.AsArray().Count);

        Assert.Equal(HttpStatusCode.NoContent, (await alice.DeleteWebexAsync($"/v1/teams/{teamId}")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await alice.GetWebexAsync($"/v1/teams/{teamId}")).Status);
        var kept = await alice.GetWebexAsync($"/v1/rooms/{room["id"]}").OkAsync();
        Assert.Null(kept["teamId"]);
    }
}
