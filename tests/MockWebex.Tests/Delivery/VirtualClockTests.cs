using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using MockWebex.Testing;
using MockWebex.Tests.Infrastructure;

namespace MockWebex.Tests.Delivery;

/// <summary>`serve --clock virtual`: Webex's 5-minute windows fast-forwarded over plain HTTP, from another process.</summary>
public sealed class VirtualClockTests
{
    [Fact]
    public async Task VirtualClock_DisableReactivateProbation_FastForwardedOverHttp()
    {
        await using var receiver = await TestReceiver.StartAsync();
        receiver.Respond = _ => Task.FromResult(500);
        using var data = new TempDataFile("virtual-clock");
        await using var serve = CliProcess.Start("serve", "--port", "0", "--data", data.Path, "--clock", "virtual");
        using var webex = new HttpClient { BaseAddress = new Uri(await serve.WaitForUrlAsync()) };
        webex.DefaultRequestHeaders.Authorization = new("Bearer", "clock-test");
        var clock = await webex.GetFromJsonAsync<JsonObject>("/_emulator/clock");
        Assert.Equal("virtual", clock!["mode"]!.ToString());

        var id = (await webex.CreateWebhookAsync(new { name = "c", targetUrl = receiver.Url, resource = "messages", @event = "created" }))["id"]!.ToString();
        async Task<string> Status() => (await webex.GetFromJsonAsync<JsonObject>($"/v1/webhooks/{id}"))!["status"]!.ToString();
        async Task FailOnce(int total) =>
            await RemoteEmulator.WaitForDeliveriesAsync(webex, d => d.Count(x => x!["status"]!.ToString() == "failed") == total, "?limit=1000");
        async Task Reactivate() => Assert.Equal(HttpStatusCode.OK, (await webex.PutAsJsonAsync($"/v1/webhooks/{id}", new { name = "c", targetUrl = receiver.Url, status = "active" })).StatusCode);

        // 100 failed deliveries within the window → inactive.
        await webex.PostAsJsonAsync("/_emulator/events", new { resource = "messages", @event = "created", count = 100 });
        await FailOnce(100);
        Assert.Equal("inactive", await Status());

        // Reactivated soon after: on probation, one failure disables it again.
        await Reactivate();
        await webex.PostAsJsonAsync("/_emulator/events", new { resource = "messages", @event = "created" });
        await FailOnce(101);
        Assert.Equal("inactive", await Status());

        // Reactivate, then five virtual minutes later probation is over and the old failures left the window.
        await Reactivate();
        var before = DateTimeOffset.Parse(clock["now"]!.ToString(), System.Globalization.CultureInfo.InvariantCulture);
        var advanced = await (await webex.PostAsJsonAsync("/_emulator/clock/advance", new { by = "00:05:01" })).Content.ReadFromJsonAsync<JsonObject>();
        Assert.True(DateTimeOffset.Parse(advanced!["now"]!.ToString(), System.Globalization.CultureInfo.InvariantCulture) - before >= TimeSpan.FromMinutes(5));
        await webex.PostAsJsonAsync("/_emulator/events", new { resource = "messages", @event = "created" });
        await FailOnce(102);
        Assert.Equal("active", await Status());
        var listed = JsonNode.Parse(await webex.GetStringAsync("/_emulator/webhooks"))!.AsArray().Single()!;
        Assert.Equal(1, listed["recentFailures"]!.GetValue<int>());
    }

    [Fact]
    public async Task RealClock_CannotBeAdvanced_AndMockWebexServerAdvancesAVirtualOne()
    {
        await using (var real = await Emulator.StartAsync())
        {
            var answer = await real.Client(null).PostAsJsonAsync("/_emulator/clock/advance", new { by = "00:01:00" });
            Assert.Equal(HttpStatusCode.Conflict, answer.StatusCode);
        }
        await using var webex = await MockWebexServer.StartAsync(new MockWebexServerOptions { VirtualClock = true });
        var start = webex.Services.GetService(typeof(TimeProvider)) is TimeProvider provider ? provider.GetUtcNow() : default;
        var now = await webex.AdvanceClockAsync(TimeSpan.FromHours(2));
        // The answer is a Webex timestamp (milliseconds), and a virtual clock stands still between the two reads.
        Assert.InRange(now - start, TimeSpan.FromHours(2) - TimeSpan.FromMilliseconds(1), TimeSpan.FromHours(2) + TimeSpan.FromMilliseconds(1));
    }
}
