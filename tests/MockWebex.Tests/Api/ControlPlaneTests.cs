using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using MockWebex.Tests.Infrastructure;

namespace MockWebex.Tests.Api;

/// <summary>The control plane refuses what a web page or a rebinding DNS name could send, and says why.</summary>
public sealed class ControlPlaneTests
{
    [Theory]
    [InlineData("/_emulator/webhooks")]
    [InlineData("/v1/webhooks")]
    [InlineData("/dashboard/")]
    public async Task ForeignHost_Refused403WithAReason(string path)
    {
        await using var emulator = await Emulator.StartAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Host = "attacker.example";
        var response = await emulator.Client().SendAsync(request);
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("Admin:AllowedHosts", (await response.Content.ReadFromJsonAsync<JsonObject>())!["detail"]!.ToString());
    }

    [Fact]
    public async Task LoopbackNamesAndConfiguredHosts_Allowed()
    {
        await using var emulator = await Emulator.StartAsync(new() { ["Admin:AllowedHosts:0"] = "mockwebex" });
        foreach (var host in new[] { "localhost", "127.0.0.1", "[::1]", "mockwebex", "app.localhost" })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/_emulator/webhooks");
            request.Headers.Host = host;
            Assert.Equal(HttpStatusCode.OK, (await emulator.Client(null).SendAsync(request)).StatusCode);
        }
    }

    [Fact]
    public async Task OtherOrigin_Refused_OwnOriginAndConfiguredOnesAllowed()
    {
        await using var emulator = await Emulator.StartAsync(new() { ["Admin:AllowedOrigins:0"] = "http://localhost:5173" });
        async Task<HttpStatusCode> GetWithOrigin(string origin)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/_emulator/webhooks");
            request.Headers.Add("Origin", origin);
            return (await emulator.Client(null).SendAsync(request)).StatusCode;
        }
        Assert.Equal(HttpStatusCode.Forbidden, await GetWithOrigin("http://evil.example"));
        Assert.Equal(HttpStatusCode.Forbidden, await GetWithOrigin("http://localhost:3000"));
        Assert.Equal(HttpStatusCode.OK, await GetWithOrigin(emulator.BaseUrl));
        Assert.Equal(HttpStatusCode.OK, await GetWithOrigin("http://localhost:5173"));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("text/plain")]
    [InlineData("application/x-www-form-urlencoded")]
    [InlineData("multipart/form-data; boundary=x")]
    public async Task ControlPlaneWrite_NotJson_Refused415AndNothingHappens(string? contentType)
    {
        await using var emulator = await Emulator.StartAsync();
        await emulator.Client().CreateWebhookAsync(new { name = "keep", targetUrl = "http://127.0.0.1:9/h", resource = "messages", @event = "created" });
        using var request = new HttpRequestMessage(HttpMethod.Post, "/_emulator/reset");
        if (contentType is not null) request.Content = new ByteArrayContent("{}"u8.ToArray()) { Headers = { { "Content-Type", contentType } } };
        var response = await emulator.Client(null).SendAsync(request);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Contains("application/json", await response.Content.ReadAsStringAsync());
        Assert.Single((await emulator.Client().GetWebexAsync("/v1/webhooks").OkAsync())["items"]!.AsArray());
    }

    [Fact]
    public async Task AdminToken_WhenSet_RequiredOnTheControlPlane_AndTheCliSendsItFromTheEnvironment()
    {
        await using var emulator = await Emulator.StartAsync(new() { ["Admin:Token"] = "adm1n" });
        Assert.Equal(HttpStatusCode.Unauthorized, (await emulator.Client(null).GetAsync("/_emulator/webhooks")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await emulator.Client("adm1n").GetAsync("/_emulator/webhooks")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await emulator.Client(null).GetAsync("/dashboard/")).StatusCode); // the page itself holds no data

        var (refused, refusedOutput) = await CliProcess.RunAsync("trigger", "messages.created", "--server", emulator.BaseUrl);
        Assert.Equal(2, refused);
        Assert.Contains("401", refusedOutput);
        await using var cli = CliProcess.StartProgram("dotnet", [Repo.MockWebexDll, "trigger", "messages.created", "--server", emulator.BaseUrl],
            new Dictionary<string, string> { ["MOCKWEBEX_ADMIN_TOKEN"] = "adm1n" });
        Assert.True(await cli.WaitForExitAsync() == 0, cli.Output);
    }

    [Fact]
    public async Task WebhookSecrets_OnlyWhenAskedFor()
    {
        await using var emulator = await Emulator.StartAsync();
        await emulator.Client().CreateWebhookAsync(new { name = "s", targetUrl = "http://127.0.0.1:9/h", resource = "messages", @event = "created", secret = "hush" });
        var listed = await emulator.Client(null).GetStringAsync("/_emulator/webhooks");
        Assert.DoesNotContain("hush", listed);
        Assert.True(JsonNode.Parse(listed)![0]!["hasSecret"]!.GetValue<bool>());
        Assert.Contains("hush", await emulator.Client(null).GetStringAsync("/_emulator/webhooks?secrets=true"));
    }

    [Theory]
    [InlineData("{\"resource\":\"messages\",\"resource\":\"rooms\",\"event\":\"created\"}")]
    [InlineData("{\"resource\":\"messages\",\"event\":\"created\",\"data\":{\"a\":1,\"a\":2}}")]
    [InlineData("{\"resource\":\"messages\",\"event\":\"created\",\"details\":{\"text\":\"\\ud800\"}}")]
    public async Task MalformedJson_400ProblemNot500(string body)
    {
        await using var emulator = await Emulator.StartAsync();
        var response = await emulator.Client(null).PostAsync("/_emulator/events", HttpJson.Json(body));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Invalid JSON", (await response.Content.ReadFromJsonAsync<JsonObject>())!["detail"]!.ToString());
    }

    [Fact]
    public async Task InvalidUtf8AndHugeBodies_Refused_WithTheLimitNamed()
    {
        await using var emulator = await Emulator.StartAsync();
        var invalid = new ByteArrayContent([.. "{\"resource\":\""u8, 0xff, 0xfe, .. "\",\"event\":\"created\"}"u8]) { Headers = { { "Content-Type", "application/json" } } };
        Assert.Equal(HttpStatusCode.BadRequest, (await emulator.Client(null).PostAsync("/_emulator/events", invalid)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await emulator.Client().PostAsync("/v1/rooms", new ByteArrayContent([.. "{\"title\":\""u8, 0xc3, .. "\"}"u8]) { Headers = { { "Content-Type", "application/json" } } })).StatusCode);

        var huge = "{\"resource\":\"messages\",\"event\":\"created\",\"details\":{\"text\":\"" + new string('x', 2 * 1024 * 1024) + "\"}}";
        var tooBig = await emulator.Client(null).PostAsync("/_emulator/events", HttpJson.Json(huge));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooBig.StatusCode);
        Assert.Contains("Admin:MaxBodyBytes", await tooBig.Content.ReadAsStringAsync());

        var volume = await emulator.Client(null).PostAsync("/_emulator/events", HttpJson.Json(
            "{\"resource\":\"messages\",\"event\":\"created\",\"count\":2000,\"details\":{\"text\":\"" + new string('y', 900 * 1024) + "\"}}"));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, volume.StatusCode);
        Assert.Contains("Events:MaxGeneratedBytes", await volume.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("/_emulator/nope", "GET", 404)]
    [InlineData("/_emulator/fixtures", "DELETE", 405)]
    public async Task EveryNon2xx_HasABody(string path, string method, int status)
    {
        await using var emulator = await Emulator.StartAsync();
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (method != "GET") request.Content = HttpJson.Json("{}");
        var response = await emulator.Client().SendAsync(request);
        Assert.Equal(status, (int)response.StatusCode);
        Assert.NotEmpty(await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task LongRequestTarget_414WithABody()
    {
        await using var emulator = await Emulator.StartAsync();
        var response = await emulator.Client().GetAsync("/v1/rooms?x=" + new string('a', 9000));
        Assert.Equal(HttpStatusCode.RequestUriTooLong, response.StatusCode);
        Assert.Contains("trackingId", await response.Content.ReadAsStringAsync());
    }
}
