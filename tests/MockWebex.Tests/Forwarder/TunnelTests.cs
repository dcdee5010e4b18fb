using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using System.Net.WebSockets;
using System.Text;
using MockWebex.Delivery;
using MockWebex.Tunnel;
using MockWebex.Tests.Infrastructure;

namespace MockWebex.Tests.Forwarder;

public sealed class TunnelTests
{
    private const string Token = "relay-secret";

    private static async Task<WebApplication> StartRelayAsync(RelayOptions? options = null)
    {
        var relay = RelayServer.Build(options ?? new RelayOptions { Host = "127.0.0.1", Port = 0, Token = Token }, TextWriter.Null);
        await relay.StartAsync();
        return relay;
    }

    private static async Task<TunnelClient> AttachAsync(WebApplication relay, string channel, string forwardTo)
    {
        var client = new TunnelClient(new TunnelClientOptions(relay.Urls.First(), channel, Token), new InspectOptions(forwardTo, Quiet: true), TextWriter.Null);
        await client.StartAsync();
        Assert.Null(await client.Ready.WaitAsync(TimeSpan.FromSeconds(30)));
        return client;
    }

    private static async Task<HttpResponseMessage> PostAsync(string url, string body, string? signature = null)
    {
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        if (signature is not null) request.Headers.Add(WebhookSigner.Header, signature);
        request.Headers.Add("X-Custom", "kept");
        return await http.SendAsync(request);
    }

    [Fact]
    public async Task Tunnel_Delivery_ReachesLocalAppWithIdenticalBytesAndAnswerComesBack()
    {
        // The relay is never told the receiver's port: only the listen client knows it.
        await using var app = await TestReceiver.StartAsync();
        app.Respond = _ => Task.FromResult(202);
        await using var relay = await StartRelayAsync();
        await using var client = await AttachAsync(relay, "dev", app.Url);

        const string body = """{"id":"W","resource":"messages","event":"created","data":{"personEmail":"zoë+1@example.com"}}""";
        var signature = WebhookSigner.Sign("s", Encoding.UTF8.GetBytes(body));
        var response = await PostAsync(relay.Urls.First() + "/hooks/dev/extra/path?x=1", body, signature);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal("ok from receiver", await response.Content.ReadAsStringAsync());
        var received = (await app.WaitForAsync(1)).Single();
        Assert.Equal("POST", received.Method);
        Assert.Equal("/hook/extra/path?x=1", received.Path);
        Assert.Equal(Encoding.UTF8.GetBytes(body), received.Body);
        Assert.Equal(signature, received.Header("X-Spark-Signature"));
        Assert.Equal("kept", received.Header("X-Custom"));
        Assert.Equal("messages.created", client.Feed.Recent().Single().EventName);
    }

    [Fact]
    public async Task Tunnel_NoClientAttached_Returns503()
    {
        await using var relay = await StartRelayAsync();
        var response = await PostAsync(relay.Urls.First() + "/hooks/nobody", "{}");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Contains("'nobody'", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Tunnel_MissingToken_RefusedAndNothingForwarded()
    {
        await using var app = await TestReceiver.StartAsync();
        await using var relay = await StartRelayAsync();
        using var anonymous = new ClientWebSocket();
        anonymous.Options.CollectHttpResponseDetails = true;
        await Assert.ThrowsAsync<WebSocketException>(() => anonymous.ConnectAsync(new Uri(relay.Urls.First().Replace("http", "ws") + "/tunnel/dev"), CancellationToken.None));
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.HttpStatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await PostAsync(relay.Urls.First() + "/hooks/dev", "{}")).StatusCode);
        Assert.Empty(app.Received);
    }

    [Fact]
    public async Task Tunnel_SeveralChannels_EachReachesItsOwnApp()
    {
        await using var appA = await TestReceiver.StartAsync();
        await using var appB = await TestReceiver.StartAsync();
        await using var relay = await StartRelayAsync();
        await using var a = await AttachAsync(relay, "alpha", appA.Url);
        await using var b = await AttachAsync(relay, "beta", appB.Url);

        var sends = Enumerable.Range(0, 10).Select(i => PostAsync(relay.Urls.First() + (i % 2 == 0 ? "/hooks/alpha" : "/hooks/beta"), $$"""{"n":{{i}}}"""));
        var responses = await Task.WhenAll(sends);
        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.Equal(5, (await appA.WaitForAsync(5)).Count);
        Assert.Equal(5, (await appB.WaitForAsync(5)).Count);
        Assert.All(appA.Received, r => Assert.Equal(0, int.Parse(r.BodyText[5..^1]) % 2));
    }

    [Fact]
    public async Task Tunnel_Idle_StaysOneConnection()
    {
        await using var app = await TestReceiver.StartAsync();
        await using var relay = await StartRelayAsync();
        await using var client = await AttachAsync(relay, "dev", app.Url);
        var dropped = relay.Services.GetRequiredService<TunnelRegistry>().WhenDetachedAsync("dev");
        // Idle for longer than Kestrel's once-a-second idle checks (and than the pings' interval): nothing may close it.
        // (This waits on time by nature: what is checked is that nothing happens.)
        var idle = Task.Delay(TimeSpan.FromSeconds(6));
        Assert.Same(idle, await Task.WhenAny(idle, dropped));
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(relay.Urls.First() + "/hooks/dev", "{}")).StatusCode);
    }

    [Fact]
    public async Task Tunnel_ClientStops_RelaySeesItGo_NewClientTakesOver()
    {
        await using var app = await TestReceiver.StartAsync();
        await using var relay = await StartRelayAsync();
        var registry = relay.Services.GetRequiredService<TunnelRegistry>();
        var first = await AttachAsync(relay, "dev", app.Url);
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(relay.Urls.First() + "/hooks/dev", """{"n":1}""")).StatusCode);

        var gone = registry.WhenDetachedAsync("dev");
        await first.DisposeAsync();
        await gone.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await PostAsync(relay.Urls.First() + "/hooks/dev", """{"n":2}""")).StatusCode);

        await using var second = await AttachAsync(relay, "dev", app.Url);
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(relay.Urls.First() + "/hooks/dev", """{"n":3}""")).StatusCode);
        Assert.Equal(["""{"n":1}""", """{"n":3}"""], (await app.WaitForAsync(2)).Select(r => r.BodyText));
    }

    [Fact]
    public async Task Forwarder_SignatureCheckAndRecord_RejectsBadSignatureWhenAsked()
    {
        await using var app = await TestReceiver.StartAsync();
        var capture = Path.Combine(Path.GetTempPath(), $"capture-{Guid.NewGuid():N}.jsonl");
        var console = new StringWriter();
        await using var forwarder = DeliveryInspector.Create(new InspectOptions(app.Url, "k", RejectBadSignatures: true, RecordPath: capture), "127.0.0.1", 0, behindTunnel: false, console);
        await forwarder.StartAsync();
        try
        {
            const string body = """{"resource":"rooms","event":"created","data":{}}""";
            var good = await PostAsync(forwarder.IngressUrl + "/", body, WebhookSigner.Sign("k", Encoding.UTF8.GetBytes(body)));
            var bad = await PostAsync(forwarder.IngressUrl + "/", body, WebhookSigner.Sign("other", Encoding.UTF8.GetBytes(body)));

            Assert.Equal(HttpStatusCode.OK, good.StatusCode);
            Assert.Equal(HttpStatusCode.Unauthorized, bad.StatusCode);
            Assert.Single(app.Received);
            var records = CaptureFile.Read(capture).ToList();
            Assert.Equal([true, false], records.Select(r => r.SignatureValid));
            Assert.Equal([200, 401], records.Select(r => r.Status));
            Assert.Equal(body, records[0].Body);
            Assert.Contains("rooms.created", console.ToString());
            Assert.Contains("SIGNATURE MISMATCH", console.ToString());
        }
        finally
        {
            File.Delete(capture);
        }
    }

    [Fact]
    public async Task Replay_Capture_ResendsOriginalBytesOrReSigned()
    {
        await using var app = await TestReceiver.StartAsync();
        var capture = Path.Combine(Path.GetTempPath(), $"replay-{Guid.NewGuid():N}.jsonl");
        const string body = """{"resource":"messages","event":"created","data":{"id":"m+1"}}""";
        await new CaptureFile(capture).AppendAsync(new CapturedDelivery(DateTimeOffset.UtcNow, "POST", "",
            new() { ["Content-Type"] = "application/json", [WebhookSigner.Header] = "0123456789abcdef0123456789abcdef01234567" }, body, 200, 1.5, null));
        try
        {
            var (exit, output) = await CliProcess.RunAsync("replay", capture, "--to", app.Url);
            Assert.True(exit == 0, output);
            var (exit2, output2) = await CliProcess.RunAsync("replay", capture, "--to", app.Url, "--secret", "new");
            Assert.True(exit2 == 0, output2);
            var received = await app.WaitForAsync(2);
            Assert.All(received, r => Assert.Equal(body, r.BodyText));
            Assert.Equal("0123456789abcdef0123456789abcdef01234567", received[0].Header("X-Spark-Signature"));
            Assert.Equal(WebhookSigner.Sign("new", Encoding.UTF8.GetBytes(body)), received[1].Header("X-Spark-Signature"));
            Assert.Contains("messages.created", output);
        }
        finally
        {
            File.Delete(capture);
        }
    }
}

public sealed class CaptureToFixtureTests
{
    [Fact]
    public async Task CaptureToFixture_RealDelivery_PersonalDataReplacedAndFixtureGenerates()
    {
        var folder = Directory.CreateTempSubdirectory("fixture-").FullName;
        var capture = Path.Combine(folder, "c.jsonl");
        var actor = MockWebex.Common.WebexIds.Encode("PEOPLE", "0f0f0f0f-1111-2222-3333-444444444444");
        var message = MockWebex.Common.WebexIds.Encode("MESSAGE", "m1");
        var room = MockWebex.Common.WebexIds.Encode("ROOM", "r1");
        var body = "{\"id\":\"W\",\"resource\":\"messages\",\"event\":\"created\",\"actorId\":\"" + actor + "\",\"data\":{\"id\":\"" + message
            + "\",\"roomId\":\"" + room + "\",\"roomType\":\"direct\",\"personId\":\"" + actor + "\",\"personEmail\":\"real.person@GMAIL.COM\",\"created\":\"2021-06-10T19:30:46.346Z\"}}";
        await new CaptureFile(capture).AppendAsync(new CapturedDelivery(DateTimeOffset.UtcNow, "POST", "/", new(), body, 200, 1, null));

        var (exit, output) = await CliProcess.RunAsync("capture-to-fixture", capture, "--out", folder);
        Assert.True(exit == 0, output);
        var text = await File.ReadAllTextAsync(Path.Combine(folder, "messages.created.json"));
        Assert.DoesNotContain("real.person", text);
        var fixture = EventFixtureLoad(Path.Combine(folder, "messages.created.json"));
        Assert.Equal("{{webex.id(MESSAGE)}}", fixture.Data["id"]!.ToString());
        Assert.Equal("{{actor.id}}", fixture.Data["personId"]!.ToString());
        Assert.Equal("{{actor.email}}", fixture.Data["personEmail"]!.ToString()); // the actor: the person a GET returns
        Assert.Equal("direct", fixture.Data["roomType"]!.ToString());
        Assert.Equal(2, (await CliProcess.RunAsync("capture-to-fixture", capture, "--out", folder)).ExitCode); // no silent overwrite
        Directory.Delete(folder, true);
    }

    private static MockWebex.Fixtures.EventFixture EventFixtureLoad(string path) => MockWebex.Fixtures.EventFixture.Load(path);
}
