using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using MockWebex.Common;
using MockWebex.Tests.Infrastructure;

namespace MockWebex.Tests.Api;

public sealed class WebhooksApiTests
{
    private static readonly object MessagesHook = new { name = "My hook", targetUrl = "https://example.com/hook", resource = "messages", @event = "created" };

    [Fact]
    public async Task CreateWebhook_ValidBody_Returns200WithWebexObject()
    {
        await using var emulator = await Emulator.StartAsync();
        var response = await emulator.Client().PostAsJsonAsync("/v1/webhooks", MessagesHook);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync();
        var hook = JsonNode.Parse(text)!.AsObject();
        var decoded = WebexIds.TryDecode(hook["id"]!.GetValue<string>());
        Assert.Equal("WEBHOOK", decoded!.Value.Type);
        Assert.True(Guid.TryParse(decoded.Value.LocalId, out _));
        Assert.DoesNotContain("=", hook["id"]!.GetValue<string>());
        Assert.Matches(new Regex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$"), hook["created"]!.GetValue<string>());
        Assert.Equal("creator", hook["ownedBy"]!.GetValue<string>());
        Assert.Equal("active", hook["status"]!.GetValue<string>());
        Assert.False(hook.ContainsKey("filter"));
        Assert.False(hook.ContainsKey("secret"));
        Assert.Equal(
            ["id", "name", "targetUrl", "resource", "event", "orgId", "createdBy", "appId", "ownedBy", "status", "created"],
            hook.Select(p => p.Key).ToArray());
        Assert.Equal("PEOPLE", WebexIds.TryDecode(hook["createdBy"]!.GetValue<string>())!.Value.Type);
        Assert.Equal("ORGANIZATION", WebexIds.TryDecode(hook["orgId"]!.GetValue<string>())!.Value.Type);
        Assert.Equal("APPLICATION", WebexIds.TryDecode(hook["appId"]!.GetValue<string>())!.Value.Type);
    }

    [Fact]
    public async Task CreateWebhook_SameTokenTwice_SameIdentityAndDuplicatesAllowed()
    {
        await using var emulator = await Emulator.StartAsync();
        var client = emulator.Client("some-random-token");
        var first = await client.CreateWebhookAsync(MessagesHook);
        var second = await client.CreateWebhookAsync(MessagesHook);

        Assert.NotEqual(first["id"]!.ToString(), second["id"]!.ToString());
        Assert.Equal(first["createdBy"]!.ToString(), second["createdBy"]!.ToString());
        var other = await emulator.Client("another-token").CreateWebhookAsync(MessagesHook);
        Assert.NotEqual(first["createdBy"]!.ToString(), other["createdBy"]!.ToString());
    }

    [Fact]
    public async Task CreateWebhook_WithFilterAndSecret_EchoesBoth()
    {
        await using var emulator = await Emulator.StartAsync();
        var hook = await emulator.Client().CreateWebhookAsync(new
        {
            name = "f",
            targetUrl = "http://localhost:9/x",
            resource = "messages",
            @event = "created",
            filter = "roomId=abc&personEmail=a+b@example.com",
            secret = "s3cret",
        });
        Assert.Equal("roomId=abc&personEmail=a+b@example.com", hook["filter"]!.GetValue<string>());
        Assert.Equal("s3cret", hook["secret"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("""{"targetUrl":"https://e.com","resource":"messages","event":"created"}""", "name is required")]
    [InlineData("""{"name":"n","resource":"messages","event":"created"}""", "targetUrl is required")]
    [InlineData("""{"name":"n","targetUrl":"https://e.com","event":"created"}""", "resource is required")]
    [InlineData("""{"name":"n","targetUrl":"https://e.com","resource":"messages"}""", "event is required")]
    [InlineData("""{"name":"n","targetUrl":"/relative","resource":"messages","event":"created"}""", "absolute http or https")]
    [InlineData("""{"name":"n","targetUrl":"ftp://e.com/x","resource":"messages","event":"created"}""", "absolute http or https")]
    [InlineData("""{"name":5,"targetUrl":"https://e.com","resource":"messages","event":"created"}""", "expected a string but got a number")]
    [InlineData("""{"name":"n","targetUrl":"https://e.com","resource":"widgets","event":"created"}""", "Invalid resource 'widgets'")]
    [InlineData("""{"name":"n","targetUrl":"https://e.com","resource":"messages","event":"read"}""", "Invalid event 'read'")]
    [InlineData("""{"name":"n","targetUrl":"https://e.com","resource":"attachmentActions","event":"deleted"}""", "Invalid event 'deleted'")]
    [InlineData("""{"name":"n","targetUrl":"https://e.com","resource":"meetings","event":"all"}""", "Event 'all' is not supported")]
    [InlineData("""{"name":"n","targetUrl":"https://e.com","resource":"all","event":"started"}""", "Invalid event 'started' for resource 'all'")]
    [InlineData("""{"name":"n","targetUrl":"https://e.com","resource":"messages","event":"created","filter":"title=x"}""", "invalid value for filter: title")]
    [InlineData("""{"name":"n","targetUrl":"https://e.com","resource":"messages","event":"created","filter":"roomId"}""", "expected key=value")]
    [InlineData("""{"name":"n","targetUrl":"https://e.com","resource":"rooms","event":"migrated","filter":"type=group"}""", "does not support filters")]
    [InlineData("""{"name":"n","targetUrl":"https://e.com","resource":"telephony_mwi","event":"updated","filter":"personId=x"}""", "does not support filters")]
    [InlineData("""{"name":"n","targetUrl":"https://e.com","resource":"meetings","event":"started","filter":"hostEmail=a@b.com"}""", "requires ownedBy=org")]
    [InlineData("""{"name":"n","targetUrl":"https://e.com","resource":"convergedRecordings","event":"created","filter":"ownerId=x"}""", "requires ownedBy=org")]
    [InlineData("""{"name":"n","targetUrl":"https://e.com","resource":"messages","event":"created","ownedBy":"everyone"}""", "Invalid value for ownedBy")]
    [InlineData("""[1,2]""", "must be a JSON object")]
    [InlineData("""{"name":"n",""", "malformed syntax")]
    public async Task CreateWebhook_InvalidBody_Returns400WebexError(string body, string expectedMessage)
    {
        await using var emulator = await Emulator.StartAsync();
        var response = await emulator.Client().PostAsync("/v1/webhooks", HttpJson.Json(body));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = await response.ReadObjectAsync();
        Assert.Contains(expectedMessage, error["message"]!.GetValue<string>());
        Assert.Equal(error["message"]!.GetValue<string>(), error["errors"]![0]!["description"]!.GetValue<string>());
        Assert.StartsWith("ROUTER_", error["trackingId"]!.GetValue<string>());
        var list = await emulator.Client().GetFromJsonAsync<JsonObject>("/v1/webhooks");
        Assert.Empty(list!["items"]!.AsArray());
    }

    [Theory]
    [InlineData("messages", "all")]
    [InlineData("memberships", "all")]
    [InlineData("rooms", "all")]
    [InlineData("all", "all")]
    [InlineData("telephony_calls", "all")]
    [InlineData("serviceApp", "authorized")]
    [InlineData("adminBatchJobs", "statusChanged")]
    [InlineData("meetingParticipants", "joined")]
    [InlineData("uc_counters", "updated")]
    public async Task CreateWebhook_OfficialResourceEventPairs_Accepted(string resource, string @event)
    {
        await using var emulator = await Emulator.StartAsync();
        var hook = await emulator.Client().CreateWebhookAsync(new { name = "n", targetUrl = "https://e.com", resource, @event });
        Assert.Equal(resource, hook["resource"]!.GetValue<string>());
        Assert.Equal(@event, hook["event"]!.GetValue<string>());
    }

    [Fact]
    public async Task CreateWebhook_EmptyBody_Returns400RequiredBodyMissing()
    {
        await using var emulator = await Emulator.StartAsync();
        var response = await emulator.Client().PostAsync("/v1/webhooks", null);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("Required request body is missing", (await response.ReadObjectAsync())["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task CreateWebhook_NonJsonContentType_Returns415()
    {
        await using var emulator = await Emulator.StartAsync();
        var response = await emulator.Client().PostAsync("/v1/webhooks", new StringContent("name=x", Encoding.UTF8, "application/x-www-form-urlencoded"));
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.NotNull((await response.ReadObjectAsync())["trackingId"]);
    }

    [Fact]
    public async Task CreateWebhook_BodyOverOneMebibyte_Returns413AndStoresNothing()
    {
        await using var emulator = await Emulator.StartAsync();
        var big = $$"""{"name":"{{new string('x', 1024 * 1024)}}","targetUrl":"https://e.com","resource":"messages","event":"created"}""";
        var response = await emulator.Client().PostAsync("/v1/webhooks", HttpJson.Json(big));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.NotNull((await response.ReadObjectAsync())["message"]);
        var list = await emulator.Client().GetFromJsonAsync<JsonObject>("/v1/webhooks");
        Assert.Empty(list!["items"]!.AsArray());
    }

    [Fact]
    public async Task GetWebhook_AfterCreate_Returns200SameObject_UnknownIdReturns404()
    {
        await using var emulator = await Emulator.StartAsync();
        var client = emulator.Client();
        var created = await client.CreateWebhookAsync(MessagesHook);

        var fetched = await client.GetStringAsync($"/v1/webhooks/{created["id"]}");
        Assert.Equal(created.ToJsonString(), JsonNode.Parse(fetched)!.ToJsonString());
        var missing = await client.GetAsync($"/v1/webhooks/{WebexIds.New("WEBHOOK")}");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.NotNull((await missing.ReadObjectAsync())["errors"]);
    }

    [Fact]
    public async Task UpdateWebhook_WholeObjectLikeJsSdk_UpdatesOnlyMutableFields()
    {
        await using var emulator = await Emulator.StartAsync();
        var client = emulator.Client();
        var created = await client.CreateWebhookAsync(new { name = "old", targetUrl = "https://e.com/a", resource = "messages", @event = "created", filter = "roomId=r1" });

        var sent = created.DeepClone().AsObject();
        sent["name"] = "new";
        sent["targetUrl"] = "https://e.com/b";
        sent["secret"] = "shh";
        sent["resource"] = "rooms";
        sent["event"] = "updated";
        sent["filter"] = "type=group";
        sent["created"] = "1999-01-01T00:00:00.000Z";
        var response = await client.PutAsJsonAsync($"/v1/webhooks/{created["id"]}", sent);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var updated = await response.ReadObjectAsync();
        Assert.Equal("new", updated["name"]!.GetValue<string>());
        Assert.Equal("https://e.com/b", updated["targetUrl"]!.GetValue<string>());
        Assert.Equal("shh", updated["secret"]!.GetValue<string>());
        Assert.Equal("messages", updated["resource"]!.GetValue<string>());
        Assert.Equal("created", updated["event"]!.GetValue<string>());
        Assert.Equal("roomId=r1", updated["filter"]!.GetValue<string>());
        Assert.Equal(created["created"]!.GetValue<string>(), updated["created"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("""{"targetUrl":"https://e.com"}""", "name is required")]
    [InlineData("""{"name":"n"}""", "targetUrl is required")]
    [InlineData("""{"name":"n","targetUrl":"https://e.com","status":"inactive"}""", "Only 'active' is allowed")]
    [InlineData("""{"name":"n","targetUrl":"https://e.com","status":"disabled"}""", "Only 'active' is allowed")]
    public async Task UpdateWebhook_InvalidBody_Returns400AndKeepsWebhook(string body, string expected)
    {
        await using var emulator = await Emulator.StartAsync();
        var client = emulator.Client();
        var created = await client.CreateWebhookAsync(MessagesHook);
        var response = await client.PutAsync($"/v1/webhooks/{created["id"]}", HttpJson.Json(body));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(expected, (await response.ReadObjectAsync())["message"]!.GetValue<string>());
        var after = await client.GetStringAsync($"/v1/webhooks/{created["id"]}");
        Assert.Equal(created.ToJsonString(), JsonNode.Parse(after)!.ToJsonString());
    }

    [Fact]
    public async Task DeleteWebhook_Existing_Returns204EmptyThenGet404()
    {
        await using var emulator = await Emulator.StartAsync();
        var client = emulator.Client();
        var created = await client.CreateWebhookAsync(MessagesHook);

        var response = await client.DeleteAsync($"/v1/webhooks/{created["id"]}");
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/v1/webhooks/{created["id"]}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.DeleteAsync($"/v1/webhooks/{created["id"]}")).StatusCode);
    }

    [Fact]
    public async Task ListWebhooks_MaxOne_FollowsNextLinksThroughEveryPage()
    {
        await using var emulator = await Emulator.StartAsync();
        var client = emulator.Client();
        var ids = new List<string>();
        for (var i = 0; i < 5; i++) ids.Add((await client.CreateWebhookAsync(MessagesHook))["id"]!.GetValue<string>());

        var seen = new List<string>();
        string? url = "/v1/webhooks?max=2";
        while (url is not null)
        {
            var response = await client.GetAsync(url);
            var page = (await response.ReadObjectAsync())["items"]!.AsArray();
            Assert.True(page.Count <= 2);
            seen.AddRange(page.Select(i => i!["id"]!.GetValue<string>()));
            url = WebexCalls.NextLink(response);
            if (url is not null) Assert.StartsWith(emulator.BaseUrl + "/v1/webhooks?", url);
        }
        Assert.Equal(ids, seen);
    }

    [Fact]
    public async Task ListWebhooks_BehindProxy_NextLinkUsesForwardedBaseUrl()
    {
        await using var emulator = await Emulator.StartAsync();
        var client = emulator.Client();
        await client.CreateWebhookAsync(MessagesHook);
        await client.CreateWebhookAsync(MessagesHook);

        using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/webhooks?max=1");
        request.Headers.Add("X-Forwarded-Proto", "https");
        request.Headers.Add("X-Forwarded-Host", "webex.example.test");
        var response = await client.SendAsync(request);
        Assert.StartsWith("<https://webex.example.test/v1/webhooks?max=1&cursor=", response.Headers.GetValues("Link").Single());
        Assert.EndsWith(">; rel=\"next\"", response.Headers.GetValues("Link").Single());
    }

    [Theory]
    [InlineData("max=0")]
    [InlineData("max=abc")]
    [InlineData("ownedBy=someone")]
    [InlineData("cursor=%%%")]
    public async Task ListWebhooks_BadQuery_Returns400(string query)
    {
        await using var emulator = await Emulator.StartAsync();
        var response = await emulator.Client().GetAsync("/v1/webhooks?" + query);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.NotNull((await response.ReadObjectAsync())["trackingId"]);
    }

    [Fact]
    public async Task ListWebhooks_OwnedByOrg_ListsOnlyOrgWebhooks()
    {
        await using var emulator = await Emulator.StartAsync();
        var admin = emulator.Client("admin-token");
        await admin.CreateWebhookAsync(MessagesHook);
        var org = await admin.CreateWebhookAsync(new { name = "org", targetUrl = "https://e.com", resource = "meetings", @event = "started", ownedBy = "org", filter = "hostEmail=x@e.com" });

        var all = await admin.GetFromJsonAsync<JsonObject>("/v1/webhooks");
        Assert.Equal(2, all!["items"]!.AsArray().Count);
        var orgOnly = await admin.GetFromJsonAsync<JsonObject>("/v1/webhooks?ownedBy=org");
        Assert.Equal([org["id"]!.GetValue<string>()], orgOnly!["items"]!.AsArray().Select(i => i!["id"]!.GetValue<string>()));
        Assert.Equal("org", orgOnly["items"]![0]!["ownedBy"]!.GetValue<string>());
    }
}
