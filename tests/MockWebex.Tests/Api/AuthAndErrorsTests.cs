using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using MockWebex.Tests.Infrastructure;

namespace MockWebex.Tests.Api;

public sealed class AuthAndErrorsTests
{
    private static readonly object Hook = new { name = "h", targetUrl = "https://e.com", resource = "messages", @event = "created" };

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("Basic dXNlcjpwYXNz")]
    [InlineData("Bearer ")]
    public async Task V1_MissingOrEmptyBearer_Returns401WebexBody(string? authorization)
    {
        await using var emulator = await Emulator.StartAsync();
        using var client = emulator.Client(token: null);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/webhooks");
        if (authorization is not null) request.Headers.TryAddWithoutValidation("Authorization", authorization);
        var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var body = await response.ReadObjectAsync();
        Assert.Equal("The request requires a valid access token set in the Authorization request header.", body["message"]!.GetValue<string>());
        Assert.Equal(body["message"]!.GetValue<string>(), body["errors"]![0]!["description"]!.GetValue<string>());
        Assert.Equal(response.Headers.GetValues("trackingid").Single(), body["trackingId"]!.GetValue<string>());
    }

    [Fact]
    public async Task V1_TwoTokens_AreIsolatedUsers()
    {
        await using var emulator = await Emulator.StartAsync();
        var alice = emulator.Client("token-a");
        var bob = emulator.Client("token-b");
        var hook = await alice.CreateWebhookAsync(Hook);
        var id = hook["id"]!.GetValue<string>();

        Assert.Equal(HttpStatusCode.NotFound, (await bob.GetAsync($"/v1/webhooks/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await bob.PutAsJsonAsync($"/v1/webhooks/{id}", new { name = "x", targetUrl = "https://e.com" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await bob.DeleteAsync($"/v1/webhooks/{id}")).StatusCode);
        Assert.Empty((await bob.GetFromJsonAsync<JsonObject>("/v1/webhooks"))!["items"]!.AsArray());
        Assert.Single((await alice.GetFromJsonAsync<JsonObject>("/v1/webhooks"))!["items"]!.AsArray());
    }

    [Fact]
    public async Task CreateOrgWebhook_NonAdmin_Returns403_AdminSucceeds()
    {
        await using var emulator = await Emulator.StartAsync();
        var body = new { name = "org", targetUrl = "https://e.com", resource = "meetings", @event = "started", ownedBy = "org" };

        var denied = await emulator.Client("alice-token").PostAsJsonAsync("/v1/webhooks", body);
        Assert.Equal(HttpStatusCode.Forbidden, denied.StatusCode);
        Assert.Contains("administrator", (await denied.ReadObjectAsync())["message"]!.GetValue<string>());

        var admin = await emulator.Client("admin-token").CreateWebhookAsync(body);
        Assert.Equal("org", admin["ownedBy"]!.GetValue<string>());
    }

    [Fact]
    public async Task OrgWebhook_VisibleToOtherAdminOfSameOrgOnly()
    {
        await using var emulator = await Emulator.StartAsync(new() { ["Auth:IdentitiesFile"] = WriteIdentities() });
        var hook = await emulator.Client("admin-1").CreateWebhookAsync(new { name = "org", targetUrl = "https://e.com", resource = "rooms", @event = "created", ownedBy = "org" });
        var id = hook["id"]!.GetValue<string>();

        Assert.Equal(HttpStatusCode.OK, (await emulator.Client("admin-2").GetAsync($"/v1/webhooks/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await emulator.Client("user-1").GetAsync($"/v1/webhooks/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await emulator.Client("admin-other-org").GetAsync($"/v1/webhooks/{id}")).StatusCode);
    }

    [Fact]
    public async Task IdentitiesFile_NamesTokenPersonAndOrg()
    {
        await using var emulator = await Emulator.StartAsync(new() { ["Auth:IdentitiesFile"] = WriteIdentities() });
        var one = await emulator.Client("admin-1").CreateWebhookAsync(Hook);
        var two = await emulator.Client("admin-2").CreateWebhookAsync(Hook);
        var other = await emulator.Client("admin-other-org").CreateWebhookAsync(Hook);
        Assert.Equal(one["orgId"]!.ToString(), two["orgId"]!.ToString());
        Assert.NotEqual(one["orgId"]!.ToString(), other["orgId"]!.ToString());
        Assert.Equal("Y2lzY29zcGFyazovL3VzL1BFT1BMRS9hZG1pbi1vbmU", one["createdBy"]!.ToString());
    }

    [Fact]
    public async Task StrictMode_UnknownToken_Returns401_KnownTokenWorks()
    {
        await using var emulator = await Emulator.StartAsync(new() { ["Auth:Strict"] = "true" });
        Assert.Equal(HttpStatusCode.Unauthorized, (await emulator.Client("made-up").GetAsync("/v1/webhooks")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await emulator.Client("alice-token").GetAsync("/v1/webhooks")).StatusCode);
    }

    [Fact]
    public async Task TrackingId_ClientHeader_EchoedInHeaderAndErrorBody()
    {
        await using var emulator = await Emulator.StartAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/webhooks/nope");
        request.Headers.Add("TrackingID", "SIMPLE_my-test-123");
        var response = await emulator.Client().SendAsync(request);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("SIMPLE_my-test-123", response.Headers.GetValues("trackingid").Single());
        Assert.Equal("SIMPLE_my-test-123", (await response.ReadObjectAsync())["trackingId"]!.GetValue<string>());
    }

    [Fact]
    public async Task TrackingId_NoClientHeader_GeneratesRouterUuid()
    {
        await using var emulator = await Emulator.StartAsync();
        var response = await emulator.Client().GetAsync("/v1/webhooks");
        Assert.Matches("^ROUTER_[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}$", response.Headers.GetValues("trackingid").Single());
    }

    [Theory]
    [InlineData("GET", "/v1/nothing-here")]
    [InlineData("GET", "/v1/webhooks/a/b/c")]
    [InlineData("PATCH", "/v1/webhooks")]
    public async Task V1_UnknownRouteOrMethod_ReturnsWebexErrorBodyNot500(string method, string path)
    {
        await using var emulator = await Emulator.StartAsync();
        var response = await emulator.Client().SendAsync(new HttpRequestMessage(new HttpMethod(method), path));
        Assert.InRange((int)response.StatusCode, 400, 499);
        var body = await response.ReadObjectAsync();
        Assert.NotNull(body["message"]);
        Assert.NotNull(body["errors"]);
        Assert.NotNull(body["trackingId"]);
    }

    [Fact]
    public async Task Healthz_Returns200()
    {
        await using var emulator = await Emulator.StartAsync();
        Assert.Equal(HttpStatusCode.OK, (await emulator.Client(null).GetAsync("/healthz")).StatusCode);
    }

    private static string WriteIdentities()
    {
        var path = Path.Combine(Path.GetTempPath(), $"identities-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, """
            {"identities":[
              {"token":"admin-1","org":"acme","isAdmin":true,"personId":"Y2lzY29zcGFyazovL3VzL1BFT1BMRS9hZG1pbi1vbmU"},
              {"token":"admin-2","org":"acme","isAdmin":true},
              {"token":"user-1","org":"acme"},
              {"token":"admin-other-org","org":"globex","isAdmin":true}
            ]}
            """);
        return path;
    }
}
