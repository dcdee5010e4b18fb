using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using MockWebex.Tests.Infrastructure;

namespace MockWebex.Tests.Api;

/// <summary>/_emulator/faults: the emulated API misbehaves on cue, the way Webex does in production.</summary>
public sealed class FaultsTests
{
    [Fact]
    public async Task RateLimitRule_Answers429WithRetryAfterOnce_ThenTheApiIsNormal()
    {
        await using var emulator = await Emulator.StartAsync();
        var admin = emulator.Client(null);
        var alice = emulator.Client("alice-token");
        var room = await alice.PostWebexAsync("/v1/rooms", new { title = "limited" }).OkAsync();

        var rule = await (await admin.PostAsJsonAsync("/_emulator/faults", new { method = "get", path = "/v1/rooms/*", status = 429, retryAfter = 2, count = 1 })).ReadObjectAsync();
        Assert.Equal("GET", rule["method"]!.ToString());

        var limited = await alice.GetWebexAsync($"/v1/rooms/{room["id"]}");
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.Status);
        Assert.Equal(TimeSpan.FromSeconds(2), limited.Response.Headers.RetryAfter!.Delta);
        Assert.False(string.IsNullOrEmpty(limited.Body!["trackingId"]?.ToString()));
        Assert.Equal(HttpStatusCode.OK, (await alice.GetWebexAsync($"/v1/rooms/{room["id"]}")).Status);
        Assert.Empty((await admin.GetFromJsonAsync<JsonObject>("/_emulator/faults"))!["items"]!.AsArray());

        // Other methods, paths and tokens are not hit; a bad token is still 401.
        await admin.PostAsJsonAsync("/_emulator/faults", new { path = "/v1/messages", status = 503, token = "bob-token" });
        Assert.Equal(HttpStatusCode.BadRequest, (await alice.GetWebexAsync("/v1/messages")).Status); // roomId missing: the real answer
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await emulator.Client("bob-token").GetWebexAsync("/v1/messages")).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await emulator.Client(null).GetWebexAsync("/v1/messages")).Status);
        var listed = (await admin.GetFromJsonAsync<JsonObject>("/_emulator/faults"))!["items"]!.AsArray();
        Assert.Equal(1, Assert.Single(listed)!["fired"]!.GetValue<int>());
        // Control-plane writes are JSON, even an empty DELETE.
        using var clear = await admin.SendAsync(new HttpRequestMessage(HttpMethod.Delete, "/_emulator/faults") { Content = HttpJson.Empty() });
        Assert.Equal(1, (await clear.Content.ReadFromJsonAsync<JsonObject>())!["removed"]!.GetValue<int>());
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.PostAsJsonAsync("/_emulator/faults", new { path = "/_emulator/reset", status = 500 })).StatusCode);

        // ** stands for any rest of the path: one segment or several.
        await admin.PostAsJsonAsync("/_emulator/faults", new { path = "/v1/**", status = 502, token = "carol-token", count = 2 });
        var carol = emulator.Client("carol-token");
        Assert.Equal(HttpStatusCode.BadGateway, (await carol.GetWebexAsync("/v1/people/me")).Status);
        Assert.Equal(HttpStatusCode.BadGateway, (await carol.GetWebexAsync($"/v1/rooms/{room["id"]}")).Status);
        Assert.Equal(HttpStatusCode.OK, (await carol.GetWebexAsync("/v1/people/me")).Status);
    }

    [Fact]
    public async Task ProbabilityRule_WithASeed_HitsTheSameRequestsEveryRun()
    {
        async Task<string> RunAsync()
        {
            await using var emulator = await Emulator.StartAsync(new() { ["Events:Seed"] = "5" });
            await emulator.Client(null).PostAsJsonAsync("/_emulator/faults", new { path = "/v1/people/me", status = 500, probability = 0.5 });
            var pattern = "";
            for (var i = 0; i < 20; i++) pattern += (await emulator.Client("alice-token").GetWebexAsync("/v1/people/me")).Status == HttpStatusCode.OK ? "." : "x";
            return pattern;
        }
        var first = await RunAsync();
        Assert.Equal(first, await RunAsync());
        Assert.Contains('x', first);
        Assert.Contains('.', first);
    }

    [Fact]
    public async Task FaultVerbs_AddListClear_AsProcesses()
    {
        using var data = new TempDataFile("faults-cli");
        await using var serve = CliProcess.Start("serve", "--port", "0", "--data", data.Path);
        var url = await serve.WaitForUrlAsync();
        var (added, addLog) = await CliProcess.RunAsync("fault", "add", "--path", "/v1/rooms", "--status", "503", "--count", "2", "--server", url);
        Assert.True(added == 0, addLog);
        Assert.Contains("/v1/rooms → 503", addLog);

        using var client = new HttpClient { BaseAddress = new Uri(url) };
        client.DefaultRequestHeaders.Authorization = new("Bearer", "cli-faults");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await client.GetAsync("/v1/rooms")).StatusCode);
        var (_, listLog) = await CliProcess.RunAsync("fault", "list", "--server", url);
        Assert.Contains("fired 1", listLog);
        var (cleared, clearLog) = await CliProcess.RunAsync("fault", "clear", "--server", url);
        Assert.True(cleared == 0, clearLog);
        Assert.Contains("removed 1", clearLog);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/v1/rooms")).StatusCode);

        var (bad, badLog) = await CliProcess.RunAsync("fault", "add", "--path", "rooms", "--server", url);
        Assert.Equal(2, bad);
        Assert.Single(badLog.Trim().Split('\n'));
    }
}
