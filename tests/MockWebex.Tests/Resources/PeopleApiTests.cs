using System.Net;
using MockWebex.Tests.Infrastructure;

namespace MockWebex.Tests.Resources;

public sealed class PeopleApiTests
{
    [Fact]
    public async Task PeopleMe_NamedAndDerivedTokens_ReturnTheirOwnPerson()
    {
        await using var emulator = await Emulator.StartAsync();
        var alice = await emulator.Client("alice-token").GetWebexAsync("/v1/people/me").OkAsync();
        var bot = await emulator.Client("bot-token").GetWebexAsync("/v1/people/me").OkAsync();
        var stranger = await emulator.Client("some-ci-token").GetWebexAsync("/v1/people/me").OkAsync();

        Assert.Equal("alice@example.com", alice["emails"]![0]!.ToString());
        Assert.Equal("Alice Example", alice["displayName"]!.ToString());
        Assert.Equal("Alice", alice["firstName"]!.ToString());
        Assert.Equal("person", alice["type"]!.ToString());
        Assert.Equal("bot", bot["type"]!.ToString());
        Assert.Equal(["id", "emails", "phoneNumbers", "displayName", "nickName", "firstName", "lastName", "orgId", "created", "status", "type"], alice.Select(p => p.Key));
        Assert.NotEqual(alice["id"]!.ToString(), stranger["id"]!.ToString());
        Assert.Equal(stranger["id"]!.ToString(), (await emulator.Client("some-ci-token").GetWebexAsync("/v1/people/me").OkAsync())["id"]!.ToString());
    }

    /// <summary>
    /// A displayName search reads the matching range of an index on the lowercased name (it read every stored person
    /// before): stored people and token holders alike, matched case-insensitively, in name order, a page at a time.
    /// </summary>
    [Theory]
    [InlineData("qu", new[] { "quentin Ash", "Quinn Zephyr" })]
    [InlineData("QUINN Z", new[] { "Quinn Zephyr" })]
    [InlineData("Ursula", new[] { "Ursula" })]
    [InlineData("Ur ", new string[0])]
    [InlineData("bob", new[] { "Bob Example" })]
    public async Task ListPeople_ByDisplayNamePrefix_CaseInsensitiveInNameOrder(string prefix, string[] expected)
    {
        await using var emulator = await Emulator.StartAsync();
        foreach (var name in new[] { "Quinn Zephyr", "quentin Ash", "Ursula", "Rupert Quill" })
        {
            var personId = MockWebex.Common.WebexIds.New("PEOPLE");
            await emulator.TriggerAsync(new { resource = "memberships", @event = "created", data = new { personId, personDisplayName = name, personEmail = $"{personId[^8..]}@example.com" } });
        }
        var alice = emulator.Client("alice-token");

        var found = (await alice.GetWebexAsync($"/v1/people?displayName={Uri.EscapeDataString(prefix)}").OkAsync())["items"]!.AsArray();

        Assert.Equal(expected, found.Select(p => p!["displayName"]!.ToString()));
        if (expected.Length == 2)
        {
            var firstPage = await alice.GetWebexAsync($"/v1/people?displayName={prefix}&max=1").OkAsync();
            Assert.Equal(expected[0], firstPage["items"]![0]!["displayName"]!.ToString());
        }
    }

    [Fact]
    public async Task GetPerson_ByIdEmailAndDisplayName_FindsKnownPeopleOnly()
    {
        await using var emulator = await Emulator.StartAsync();
        var bob = await emulator.Client("bob-token").GetWebexAsync("/v1/people/me").OkAsync();
        var alice = emulator.Client("alice-token");
        var bobId = bob["id"]!.ToString();

        Assert.Equal("bob@example.com", (await alice.GetWebexAsync($"/v1/people/{bobId}").OkAsync())["emails"]![0]!.ToString());
        Assert.Equal(bobId, (await alice.GetWebexAsync("/v1/people?email=BOB@example.com").OkAsync())["items"]![0]!["id"]!.ToString());
        Assert.Equal(bobId, (await alice.GetWebexAsync($"/v1/people?id={bobId}").OkAsync())["items"]!.AsArray().Single()!["id"]!.ToString());
        Assert.Contains((await alice.GetWebexAsync("/v1/people?displayName=bob").OkAsync())["items"]!.AsArray(), p => p!["id"]!.ToString() == bobId);
        Assert.Empty((await alice.GetWebexAsync("/v1/people?email=nobody@example.com").OkAsync())["items"]!.AsArray());

        var unknown = await alice.GetWebexAsync("/v1/people/" + MockWebex.Common.WebexIds.New("PEOPLE"));
        Assert.Equal(HttpStatusCode.NotFound, unknown.Status);
        Assert.NotEmpty(unknown["trackingId"]);
        var noFilter = await alice.GetWebexAsync("/v1/people");
        Assert.Equal(HttpStatusCode.BadRequest, noFilter.Status);
        Assert.Contains("should be specified", noFilter.Message);
        Assert.Equal(HttpStatusCode.BadRequest, (await alice.GetWebexAsync("/v1/people?email=a@b.c&max=zero")).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await emulator.Client(null).GetWebexAsync("/v1/people/me")).Status);
    }

    [Fact]
    public async Task InvitedByEmail_FoundByEmailInAnyCase()
    {
        await using var emulator = await Emulator.StartAsync();
        var alice = emulator.Client("alice-token");
        var roomId = (await alice.PostWebexAsync("/v1/rooms", new { title = "T" }).OkAsync())["id"]!.ToString();
        var added = await alice.PostWebexAsync("/v1/memberships", new { roomId, personEmail = "New.Person@Example.com" }).OkAsync();

        var found = await alice.GetWebexAsync("/v1/people?email=new.person@example.COM").OkAsync();
        Assert.Equal(added["personId"]!.ToString(), found["items"]!.AsArray().Single()!["id"]!.ToString());
        Assert.Equal("New.Person@Example.com", found["items"]![0]!["emails"]![0]!.ToString());
        Assert.Equal(HttpStatusCode.Conflict, (await alice.PostWebexAsync("/v1/memberships", new { roomId, personEmail = "new.person@example.com" })).Status);
    }

    [Fact]
    public async Task ListPeople_MaxOne_FollowsLinkThroughEveryMatch()
    {
        await using var emulator = await Emulator.StartAsync();
        var ids = new List<string>();
        foreach (var token in new[] { "alice-token", "bob-token", "admin-token" })
            ids.Add((await emulator.Client(token).GetWebexAsync("/v1/people/me").OkAsync())["id"]!.ToString());
        var client = emulator.Client();

        var seen = new List<string>();
        await foreach (var page in client.PagesAsync($"/v1/people?id={string.Join(",", ids)}&max=1"))
            seen.AddRange(page.Items.Select(p => p!["id"]!.ToString()));
        Assert.Equal(ids, seen);
    }
}
