using System.Net;
using System.Text;
using MockWebex.Delivery;
using MockWebex.Tests.Infrastructure;
using static MockWebex.Tests.Infrastructure.TunnelProcesses;

namespace MockWebex.Tests.Forwarder;

/// <summary>`relay`, `listen` and `forward` as separate processes in front of a real app, the way a user runs them.</summary>
public sealed class TunnelProcessTests() : TempFolder("tunnel-")
{

    [Fact]
    public async Task RelayOverTls_ListenTrustsItsCa_PathsReachTheAppExactly()
    {
        await using var app = await TestReceiver.StartAsync();
        var (cert, key) = await CertificateAsync(Folder);
        var (relay, relayUrl) = await StartRelayAsync("--cert", cert, "--key", key);
        await using var _ = relay;
        Assert.StartsWith("https://127.0.0.1:", relayUrl);
        await using var listen = await StartListenAsync(relayUrl, "dev", app.Url, "--ca", cert);
        Assert.Contains($"connected: {relayUrl}/hooks/dev → {app.Url}", listen.Output);
        Assert.DoesNotContain(Token, listen.Output);

        using var webex = Webex();
        const string body = """{"resource":"messages","event":"created","data":{"personEmail":"zoë@example.com"}}""";
        var signature = WebhookSigner.Sign("s", Encoding.UTF8.GetBytes(body));
        string[] suffixes = ["", "/", "/a%2Fb%41/%2e%2e/c", "?x=%2F&y=1", "/deep/path?q=1", "/_relay/deliveries"];
        foreach (var suffix in suffixes)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, MockWebex.Tunnel.TunnelProtocol.ExactUri($"{relayUrl}/hooks/dev{suffix}"))
            { Content = new StringContent(body, Encoding.UTF8, "application/json") };
            request.Headers.Add(WebhookSigner.Header, signature);
            request.Headers.Add("TrackingID", "ROUTER_1234");
            using var response = await webex.SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("ok from receiver", await response.Content.ReadAsStringAsync());
        }

        var received = await app.WaitForAsync(suffixes.Length);
        // The app's URL plus the suffix, byte for byte: no slash added, no re-encoding, no dot-segment removal.
        Assert.Equal(["/hook", "/hook/", "/hook/a%2Fb%41/%2e%2e/c", "/hook?x=%2F&y=1", "/hook/deep/path?q=1", "/hook/_relay/deliveries"], received.Select(r => r.Path));
        Assert.All(received, r => Assert.Equal(Encoding.UTF8.GetBytes(body), r.Body));
        Assert.All(received, r => Assert.Equal(signature, r.Header(WebhookSigner.Header)));
        Assert.All(received, r => Assert.Equal("ROUTER_1234", r.Header("TrackingID")));
        // The relay says what it does: a line per client connect and per delivery, never the token.
        await relay.WaitForOutputAsync(@"POST /hooks/dev/_relay/deliveries → 200");
        Assert.Contains("client connected", relay.Output);
        Assert.DoesNotContain(Token, relay.Output);
        // One connection the whole time: the tunnel is not dropped and re-made under the deliveries.
        Assert.DoesNotContain("disconnected", relay.Output + listen.Output);
    }

    [Fact]
    public async Task Listen_UntrustedCertificateOrWrongToken_OneLineAndNonZeroExit_BeforeAnythingSaysReady()
    {
        await using var app = await TestReceiver.StartAsync();
        var (cert, key) = await CertificateAsync(Folder);
        var (relay, relayUrl) = await StartRelayAsync("--cert", cert, "--key", key);
        await using var _ = relay;

        await using var untrusted = StartListen(relayUrl, "dev", app.Url);
        Assert.Equal(2, await untrusted.WaitForExitAsync());
        Assert.Contains("error: TLS with the relay failed", untrusted.Output);

        var (exit, output) = await CliProcess.RunAsync("listen", "--relay", relayUrl, "--channel", "dev", "--forward-to", app.Url, "--ca", cert, "--token", "wrong");
        Assert.Equal(2, exit);
        Assert.Contains("error: the relay refused the token (401)", output);

        foreach (var text in new[] { untrusted.Output, output })
        {
            Assert.DoesNotContain("connected:", text);
            Assert.DoesNotContain("   at ", text); // no stack trace
        }
        var (noToken, noTokenOutput) = await CliProcess.RunAsync("listen", "--relay", relayUrl, "--channel", "dev", "--forward-to", app.Url);
        Assert.Equal(2, noToken);
        Assert.Equal("error: no relay token: pass --token or set MOCKWEBEX_RELAY_TOKEN", noTokenOutput.Trim());
    }

    [Fact]
    public async Task SecondClientOnAHeldChannel_RefusedNamingTheChannel_UnlessSharingIsAllowed()
    {
        await using var app = await TestReceiver.StartAsync();
        var (relay, relayUrl) = await StartRelayAsync();
        await using var _ = relay;
        await using var first = await StartListenAsync(relayUrl, "dev", app.Url);
        await using var second = StartListen(relayUrl, "dev", app.Url);
        Assert.Equal(2, await second.WaitForExitAsync());
        Assert.Contains("error: channel 'dev' is held by another client (409)", second.Output);

        // A tokens file limits which channels each token may hold.
        var tokens = Path.Combine(Folder, "tokens.json");
        await File.WriteAllTextAsync(tokens, $$"""{"{{Token}}": ["team-*", "alice"], "other": ["*"]}""");
        var (limited, limitedUrl) = await StartRelayAsync("--tokens", tokens, "--allow-sharing");
        await using var __ = limited;
        await using var refused = StartListen(limitedUrl, "bob", app.Url);
        Assert.Equal(2, await refused.WaitForExitAsync());
        Assert.Contains("may not hold channel 'bob' (403)", refused.Output);
        await using (await StartListenAsync(limitedUrl, "team-red", app.Url)) { } // a prefix pattern
        await using var alice1 = await StartListenAsync(limitedUrl, "alice", app.Url);
        await using var alice2 = await StartListenAsync(limitedUrl, "alice", app.Url); // shared: both attach
        using var webex = Webex();
        for (var i = 0; i < 4; i++) Assert.Equal(HttpStatusCode.OK, (await webex.PostAsync($"{limitedUrl}/hooks/alice", new StringContent("{}"))).StatusCode);
        await app.WaitForAsync(4);
    }

    [Fact]
    public async Task TwoHundredConcurrentDeliveries_AllInFlightAtOnce_AllGetTheAppsAnswer()
    {
        const int count = 200;
        var inFlight = 0;
        var allArrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var app = await TestReceiver.StartAsync();
        // Each request waits until all 200 are in the app at once: a tunnel with a smaller cap never gets there and times out.
        app.Respond = async _ =>
        {
            if (Interlocked.Increment(ref inFlight) == count) allArrived.TrySetResult();
            await allArrived.Task.WaitAsync(TimeSpan.FromSeconds(40));
            return 200;
        };
        var (relay, relayUrl) = await StartRelayAsync("--timeout", "60");
        await using var _ = relay;
        await using var listen = await StartListenAsync(relayUrl, "dev", app.Url, "--timeout", "60");

        using var webex = Webex();
        var responses = await Task.WhenAll(Enumerable.Range(0, count).Select(i => webex.PostAsync($"{relayUrl}/hooks/dev", new StringContent($"{{\"n\":{i}}}"))));
        Assert.True(allArrived.Task.IsCompletedSuccessfully, $"only {inFlight} deliveries were in the app at once");
        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
    }

    [Fact]
    public async Task SlowApp_AnsweredWith504AndALogLine()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var app = await TestReceiver.StartAsync();
        app.Respond = async _ =>
        {
            await release.Task.WaitAsync(TimeSpan.FromSeconds(60));
            return 200;
        };
        var (relay, relayUrl) = await StartRelayAsync("--timeout", "60");
        await using var _ = relay;
        await using var listen = await StartListenAsync(relayUrl, "dev", app.Url, "--timeout", "1");
        using var webex = Webex();

        // The app takes longer than listen's --timeout: 504, and listen says why.
        Assert.Equal(HttpStatusCode.GatewayTimeout, (await webex.PostAsync($"{relayUrl}/hooks/dev", new StringContent("{}"))).StatusCode);
        await listen.WaitForOutputAsync("504 .*the app did not answer within 1 s");
        release.TrySetResult();
    }

    [Fact]
    public async Task FrozenClient_FoundByPing_InFlightDeliveryFailsFast_ThenTheSameClientTakesItsChannelBack()
    {
        var arrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var app = await TestReceiver.StartAsync();
        app.Respond = async r =>
        {
            if (!r.Path.EndsWith("/hold")) return 200;
            arrived.TrySetResult();
            await release.Task.WaitAsync(TimeSpan.FromSeconds(60));
            return 200;
        };
        // Pings every 3 s (3 s to answer): quick enough for the test, slow enough that a busy CI machine never misses one.
        var (relay, relayUrl) = await StartRelayAsync("--ping-interval", "3", "--timeout", "60");
        await using var _ = relay;
        await using var listen = await StartListenAsync(relayUrl, "dev", app.Url, "--timeout", "60");
        using var webex = Webex();

        // A delivery is inside the app when the client freezes (SIGSTOP): its answer can never come back.
        var started = DateTime.UtcNow;
        var held = webex.PostAsync($"{relayUrl}/hooks/dev/hold", new StringContent("{}"));
        await arrived.Task.WaitAsync(TimeSpan.FromSeconds(30));
        await listen.SignalAsync("STOP");
        try
        {
            var answer = await held;
            Assert.Equal(HttpStatusCode.BadGateway, answer.StatusCode);
            Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(50), "the relay waited for --timeout instead of noticing the frozen client");
            await relay.WaitForOutputAsync("client disconnected channel 'dev'");
            Assert.Equal(HttpStatusCode.ServiceUnavailable, (await webex.PostAsync($"{relayUrl}/hooks/dev", new StringContent("{}"))).StatusCode);
        }
        finally
        {
            await listen.SignalAsync("CONT");
        }
        // Resumed, the same client reconnects and takes its channel back.
        await listen.WaitForOutputAsync("^reconnected: ");
        release.TrySetResult();
        Assert.Equal(HttpStatusCode.OK, (await webex.PostAsync($"{relayUrl}/hooks/dev", new StringContent("{}"))).StatusCode);
    }

    [Fact]
    public async Task WhenOfflineQueue_AnswersWebex200_KeepsDeliveriesAcrossARelayRestart_SendsThemInOrderOnAttach()
    {
        await using var app = await TestReceiver.StartAsync();
        var queue = Path.Combine(Folder, "queue");
        string[] options = ["--when-offline", "queue", "--queue-dir", queue, "--queue-limit", "3"];
        using var webex = Webex();
        var (relay, relayUrl) = await StartRelayAsync(options);
        await using (relay)
        {
            for (var i = 1; i <= 3; i++)
                Assert.Equal(HttpStatusCode.OK, (await webex.PostAsync($"{relayUrl}/hooks/dev/in?n={i}", new StringContent($"{{\"n\":{i}}}"))).StatusCode);
            var full = await webex.PostAsync($"{relayUrl}/hooks/dev", new StringContent("{\"n\":4}"));
            Assert.Equal(HttpStatusCode.ServiceUnavailable, full.StatusCode);
            Assert.Contains("offline queue is full (3)", await full.Content.ReadAsStringAsync());
            await relay.WaitForOutputAsync("queued while offline \\(3 waiting\\)");
        } // killed: what was queued is on disk

        var port = new Uri(relayUrl).Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        await using var restarted = CliProcess.StartProgram("dotnet", [Repo.MockWebexDll, "relay", "--host", "127.0.0.1", "--port", port, .. options],
            new Dictionary<string, string> { ["MOCKWEBEX_RELAY_TOKEN"] = Token });
        await restarted.WaitForUrlAsync(@"relay listening on (https?://\S+)");
        Assert.Empty(app.Received);
        await using var listen = await StartListenAsync(relayUrl, "dev", app.Url);
        var received = await app.WaitForAsync(3);
        Assert.Equal(["/hook/in?n=1", "/hook/in?n=2", "/hook/in?n=3"], received.Select(r => r.Path));
        Assert.Equal(HttpStatusCode.OK, (await webex.PostAsync($"{relayUrl}/hooks/dev/in?n=5", new StringContent("{\"n\":5}"))).StatusCode);
        Assert.Equal("/hook/in?n=5", (await app.WaitForAsync(4))[3].Path);
        // The 5th went straight through, or queued behind the 3rd while that one was still leaving the queue;
        // either way the relay's line saying it reached the app (not the "queued while offline" one) comes once it is done.
        await restarted.WaitForOutputAsync(@"in\?n=5 → 200 +[\d.]+ ms( +\(queued [^)]*\))?$");
        Assert.Empty(Directory.EnumerateFiles(queue, "*.json", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task WhenOfflineQueue_ADeliveryThatCannotBeStored_Is503_AndTheQueueGoesOn()
    {
        // The relay's files may not grow past 16 KiB, as on a full disk.
        await using var app = await TestReceiver.StartAsync();
        var queue = Path.Combine(Folder, "queue");
        await using var relay = CliProcess.StartWithFileSizeLimit(16, new Dictionary<string, string> { ["MOCKWEBEX_RELAY_TOKEN"] = Token },
            "relay", "--host", "127.0.0.1", "--port", "0", "--when-offline", "queue", "--queue-dir", queue);
        var relayUrl = await relay.WaitForUrlAsync(@"relay listening on (https?://\S+)");
        using var webex = Webex();

        var tooBig = await webex.PostAsync($"{relayUrl}/hooks/dev/big", new StringContent($"{{\"fill\":\"{new string('x', 40_000)}\"}}"));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, tooBig.StatusCode);
        Assert.Contains("the delivery could not be stored", await tooBig.Content.ReadAsStringAsync());
        await relay.WaitForOutputAsync("could not store it in the offline queue");
        Assert.Equal(HttpStatusCode.OK, (await webex.PostAsync($"{relayUrl}/hooks/dev/small", new StringContent("{\"n\":1}"))).StatusCode);

        // The one that fitted is sent once a client attaches: the one that did not holds nothing up.
        await using var listen = await StartListenAsync(relayUrl, "dev", app.Url);
        Assert.Equal("/hook/small", (await app.WaitForAsync(1))[0].Path);
        // Logged once its file is gone from the queue.
        await relay.WaitForOutputAsync(@"/hooks/dev/small → 200 +[\d.]+ ms +\(queued ");
        Assert.Empty(Directory.EnumerateFiles(queue, "*", SearchOption.AllDirectories));
        Assert.Equal(HttpStatusCode.OK, (await webex.PostAsync($"{relayUrl}/hooks/dev/next", new StringContent("{\"n\":2}"))).StatusCode);
        Assert.Equal("/hook/next", (await app.WaitForAsync(2))[1].Path);
    }

    [Fact]
    public async Task NoRequestToTheRelayOrTheForwardIngress_CanReadADelivery_TheInspectorIsLoopbackOnly()
    {
        await using var app = await TestReceiver.StartAsync();
        var capture = Path.Combine(Folder, "capture.jsonl");
        await using var forward = CliProcess.Start("forward", "--port", "0", "--to", app.Url, "--record", capture);
        var ingress = await forward.WaitForUrlAsync(@"forwarder listening on (http://\S+)");
        var inspector = (await forward.WaitForOutputAsync(@"inspector: (http://127\.0\.0\.1:\d+/_relay/)")).Groups[1].Value;
        var (relay, relayUrl) = await StartRelayAsync();
        await using var _ = relay;
        await using var listen = await StartListenAsync(relayUrl, "dev", app.Url);
        using var http = Webex();
        Assert.Equal(HttpStatusCode.OK, (await http.PostAsync(ingress + "/real", new StringContent("""{"secret":"payload"}"""))).StatusCode);

        // Every path on the public side is the app's: the app answers, and nothing of the feed comes back.
        foreach (var url in new[] { ingress + "/_relay/deliveries", ingress + "/_relay/", relayUrl + "/hooks/dev/_relay/deliveries" })
        {
            var text = await http.GetStringAsync(url);
            Assert.Equal("ok from receiver", text);
        }
        foreach (var url in new[] { relayUrl + "/_relay/deliveries", relayUrl + "/_relay/", relayUrl + "/deliveries" })
            Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync(url)).StatusCode);

        // The inspector sees the delivery, answers only to a loopback Host, and its own requests are never recorded.
        var listed = await http.GetStringAsync(inspector.Replace("/_relay/", "/_relay/deliveries"));
        Assert.Contains("/real", listed);
        using var rebinding = new HttpRequestMessage(HttpMethod.Get, inspector.Replace("/_relay/", "/_relay/deliveries"));
        rebinding.Headers.Host = "attacker.example";
        Assert.Equal(HttpStatusCode.Forbidden, (await http.SendAsync(rebinding)).StatusCode);
        // No other page may show it in a frame (clickjacking).
        using var inspectorPage = await http.GetAsync(inspector);
        Assert.Equal("DENY", inspectorPage.Headers.GetValues("X-Frame-Options").Single());
        Assert.Equal("frame-ancestors 'none'", inspectorPage.Headers.GetValues("Content-Security-Policy").Single());
        var lines = await File.ReadAllLinesAsync(capture);
        Assert.Equal(["/real", "/_relay/deliveries", "/_relay/"], lines.Select(l => System.Text.Json.JsonDocument.Parse(l).RootElement.GetProperty("path").GetString()));
        Assert.DoesNotContain("SIGNATURE", forward.Output);
    }
}
