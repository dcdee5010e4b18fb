using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Playwright;
using MockWebex.Tests.Infrastructure;

namespace MockWebex.Browser.Tests;

[Collection(BrowserCollection.Name)]
public sealed class DashboardTests(BrowserFixture browser)
{
    [Fact]
    public async Task Dashboard_WebhookCreatedThroughApi_ShownInTable()
    {
        await using var emulator = await Emulator.StartAsync();
        await emulator.Client().CreateWebhookAsync(new { name = "Api hook", targetUrl = "https://example.com/in", resource = "messages", @event = "created", filter = "roomId=R1" });
        await using var dashboard = await DashboardPage.OpenAsync(browser.Browser, emulator.BaseUrl);

        await dashboard.RunAsync(async page =>
        {
            var row = page.GetByRole(AriaRole.Table, new() { Name = "Webhooks" }).GetByRole(AriaRole.Row).Filter(new() { HasText = "Api hook" });
            await Assertions.Expect(row).ToContainTextAsync("messages.created");
            await Assertions.Expect(row).ToContainTextAsync("roomId=R1");
            await Assertions.Expect(row).ToContainTextAsync("https://example.com/in");
            await Assertions.Expect(row).ToContainTextAsync("active");
        });
    }

    [Fact]
    public async Task Dashboard_Messages_ShowsApiPostsAndTextTypedForATrigger()
    {
        await using var emulator = await Emulator.StartAsync();
        var alice = emulator.Client("alice-token");
        var room = (await (await alice.PostAsJsonAsync("/v1/rooms", new { title = "Standup" })).Content.ReadFromJsonAsync<JsonObject>())!;
        (await alice.PostAsJsonAsync("/v1/messages", new { roomId = room["id"]!.ToString(), text = "hello from the API" })).EnsureSuccessStatusCode();
        await using var dashboard = await DashboardPage.OpenAsync(browser.Browser, emulator.BaseUrl);

        await dashboard.RunAsync(async page =>
        {
            var messages = page.GetByRole(AriaRole.Table, new() { Name = "Messages" });
            await Assertions.Expect(messages.GetByRole(AriaRole.Row).Filter(new() { HasText = "hello from the API" })).ToContainTextAsync("alice@example.com");

            await page.GetByLabel("Event", new() { Exact = true }).SelectOptionAsync("messages.created");
            await page.GetByLabel("Message text").FillAsync("typed in the dashboard");
            await page.GetByRole(AriaRole.Button, new() { Name = "Fire event" }).ClickAsync();
            await Assertions.Expect(messages.GetByRole(AriaRole.Row).Nth(1)).ToContainTextAsync("typed in the dashboard");
        });
    }

    [Fact]
    public async Task Dashboard_TriggerFromUi_DeliveryRowWith200AndDetails()
    {
        await using var receiver = await TestReceiver.StartAsync();
        await using var emulator = await Emulator.StartAsync();
        await emulator.Client().CreateWebhookAsync(new { name = "ui", targetUrl = receiver.Url, resource = "rooms", @event = "created", secret = "ui-secret" });
        await using var dashboard = await DashboardPage.OpenAsync(browser.Browser, emulator.BaseUrl);

        await dashboard.RunAsync(async page =>
        {
            await page.GetByLabel("Event", new() { Exact = true }).SelectOptionAsync("rooms.created");
            await page.GetByLabel("Data overrides (JSON)").FillAsync("""{"type":"group"}""");
            await page.GetByRole(AriaRole.Button, new() { Name = "Fire event" }).ClickAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Status).First).ToContainTextAsync(new System.Text.RegularExpressions.Regex(@"1 delivery\(ies\) queued\. Seed -?\d+\."));

            var row = page.GetByRole(AriaRole.Table, new() { Name = "Deliveries" }).GetByRole(AriaRole.Row).Filter(new() { HasText = "rooms.created" });
            await Assertions.Expect(row).ToContainTextAsync("succeeded");
            await Assertions.Expect(row).ToContainTextAsync("200");
            await row.ClickAsync();
            await Assertions.Expect(page.Locator("#details-signature")).ToHaveTextAsync(receiver.Received.Single().Header("X-Spark-Signature")!);
            await Assertions.Expect(page.Locator("#details-body")).ToContainTextAsync("\"type\": \"group\"");
            await Assertions.Expect(page.Locator("#details-response")).ToContainTextAsync("ok from receiver");

            await page.GetByRole(AriaRole.Button, new() { Name = "Redeliver" }).ClickAsync();
            await receiver.WaitForAsync(2);
            Assert.Equal(receiver.Received.First().Body, receiver.Received.Last().Body);
        });
    }

    [Fact]
    public async Task Dashboard_FailingReceiver_WebhookInactive_ReactivateWithKeyboard()
    {
        await using var receiver = await TestReceiver.StartAsync();
        receiver.Respond = _ => Task.FromResult(500);
        await using var emulator = await Emulator.StartAsync(new() { ["Delivery:FailureThreshold"] = "3" });
        await emulator.Client().CreateWebhookAsync(new { name = "Flaky bot", targetUrl = receiver.Url, resource = "messages", @event = "created" });
        await using var dashboard = await DashboardPage.OpenAsync(browser.Browser, emulator.BaseUrl);

        await dashboard.RunAsync(async page =>
        {
            await page.GetByLabel("Event", new() { Exact = true }).SelectOptionAsync("messages.created");
            await page.GetByLabel("Count", new() { Exact = true }).FillAsync("3");
            await page.GetByRole(AriaRole.Button, new() { Name = "Fire event" }).ClickAsync();

            var row = page.GetByRole(AriaRole.Table, new() { Name = "Webhooks" }).GetByRole(AriaRole.Row).Filter(new() { HasText = "Flaky bot" });
            await Assertions.Expect(row.Locator(".badge")).ToHaveTextAsync("inactive");
            await Assertions.Expect(row).ToContainTextAsync("3");

            receiver.Respond = _ => Task.FromResult(200);
            var reactivate = page.GetByRole(AriaRole.Button, new() { Name = "Reactivate Flaky bot" });
            await reactivate.FocusAsync();
            await page.Keyboard.PressAsync("Enter");
            await Assertions.Expect(row.Locator(".badge")).ToHaveTextAsync("active");

            var hook = (await emulator.Client().GetFromJsonAsync<JsonObject>("/v1/webhooks"))!["items"]![0]!;
            Assert.Equal("active", hook["status"]!.ToString());
        });
    }

    [Fact]
    public async Task Dashboard_RunScenario_DeliveriesAppear()
    {
        await using var receiver = await TestReceiver.StartAsync();
        await using var emulator = await Emulator.StartAsync();
        await emulator.Client().CreateWebhookAsync(new { name = "sa", targetUrl = receiver.Url, resource = "serviceApp", @event = "authorized" });
        await using var dashboard = await DashboardPage.OpenAsync(browser.Browser, emulator.BaseUrl);

        await dashboard.RunAsync(async page =>
        {
            await page.GetByLabel("Scenario", new() { Exact = true }).SelectOptionAsync("service-app");
            await page.GetByRole(AriaRole.Button, new() { Name = "Run scenario" }).ClickAsync();
            await Assertions.Expect(page.Locator("#scenario-result")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^Ran 2 steps\. Seed -?\d+\.$"));
            await Assertions.Expect(page.GetByRole(AriaRole.Table, new() { Name = "Deliveries" })).ToContainTextAsync("serviceApp.authorized");
        });
    }

    [Fact]
    public async Task Dashboard_At1280x800_NoHorizontalScrollAndEveryButtonFocusable()
    {
        await using var emulator = await Emulator.StartAsync();
        await emulator.Client().CreateWebhookAsync(new { name = new string('n', 40), targetUrl = "https://example.com/" + new string('p', 200), resource = "messages", @event = "created" });
        await using var dashboard = await DashboardPage.OpenAsync(browser.Browser, emulator.BaseUrl);

        await dashboard.RunAsync(async page =>
        {
            await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = $"Delete {new string('n', 40)}" })).ToBeVisibleAsync();
            Assert.True(await page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= 1280"));
            var unfocusable = await page.EvaluateAsync<int>("[...document.querySelectorAll('button')].filter(b => b.tabIndex < 0 || b.disabled).length");
            Assert.Equal(0, unfocusable);
        });
    }

    [Fact]
    public async Task DeliveryBody_InRealJavaScript_StringifyOfParseGivesSameBytes()
    {
        await using var receiver = await TestReceiver.StartAsync();
        await using var emulator = await Emulator.StartAsync();
        await emulator.Client().CreateWebhookAsync(new { name = "js", targetUrl = receiver.Url, resource = "memberships", @event = "created", secret = "k" });
        await emulator.TriggerAsync(new
        {
            resource = "memberships",
            @event = "created",
            data = new { personDisplayName = "Zoë \"Z\" O'Brien <b>&</b> 👍 \u2028 tab\t", personEmail = "zoe+1@example.com", isModerator = true },
        });
        var body = (await receiver.WaitForAsync(1)).Single().BodyText;
        await using var dashboard = await DashboardPage.OpenAsync(browser.Browser, emulator.BaseUrl);

        await dashboard.RunAsync(async page =>
        {
            var roundTripped = await page.EvaluateAsync<string>("body => JSON.stringify(JSON.parse(body))", body);
            Assert.Equal(body, roundTripped);
        });
    }
}

[Collection(BrowserCollection.Name)]
public sealed class RelayFeedTests(BrowserFixture browser)
{
    [Fact]
    public async Task RelayFeed_ForwardedDelivery_ShownWithEventStatusAndBody()
    {
        await using var receiver = await TestReceiver.StartAsync();
        receiver.Respond = _ => Task.FromResult(202);
        await using var forwarder = MockWebex.Tunnel.DeliveryInspector.Create(new(receiver.Url, Secret: "k", Quiet: true), "127.0.0.1", 0, behindTunnel: false, TextWriter.Null);
        await forwarder.StartAsync();
        var url = forwarder.IngressUrl;
        const string body = """{"resource":"rooms","event":"created","data":{"id":"R"}}""";
        using (var http = new HttpClient())
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, url + "/in") { Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json") };
            request.Headers.Add("X-Spark-Signature", MockWebex.Delivery.WebhookSigner.Sign("k", System.Text.Encoding.UTF8.GetBytes(body)));
            Assert.Equal(System.Net.HttpStatusCode.Accepted, (await http.SendAsync(request)).StatusCode);
        }

        await using var context = await browser.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 1280, Height = 800 } });
        var page = await context.NewPageAsync();
        var errors = new List<string>();
        page.Console += (_, m) => { if (m.Type == "error") errors.Add(m.Text); };
        await page.GotoAsync(forwarder.InspectorUrl);
        var row = page.GetByRole(AriaRole.Table, new() { Name = "Relayed deliveries" }).GetByRole(AriaRole.Row).Filter(new() { HasText = "rooms.created" });
        await Assertions.Expect(row).ToContainTextAsync("202");
        await Assertions.Expect(row).ToContainTextAsync("ok");
        await row.ClickAsync();
        await Assertions.Expect(page.Locator("#details-body")).ToContainTextAsync("\"id\": \"R\"");
        Assert.Empty(errors);
    }
}

[Collection(BrowserCollection.Name)]
public sealed class DashboardInspectionTests(BrowserFixture browser)
{
    [Fact]
    public async Task DeliveryLog_FiltersByWebhookStatusAndEvent_DetailChecksSignature_EditAndResend()
    {
        await using var good = await TestReceiver.StartAsync();
        await using var bad = await TestReceiver.StartAsync();
        bad.Respond = _ => Task.FromResult(500);
        await using var emulator = await Emulator.StartAsync();
        await emulator.Client().CreateWebhookAsync(new { name = "Rooms bot", targetUrl = good.Url, resource = "rooms", @event = "created", secret = "s3cret" });
        await emulator.Client().CreateWebhookAsync(new { name = "Broken bot", targetUrl = bad.Url, resource = "messages", @event = "created" });
        await emulator.TriggerAsync(new { resource = "rooms", @event = "created" });
        await emulator.TriggerAsync(new { resource = "messages", @event = "created" });
        await emulator.WaitForDeliveriesAsync(d => d.Count == 2 && d.All(x => x!["status"]!.ToString() != "pending"));
        await using var dashboard = await DashboardPage.OpenAsync(browser.Browser, emulator.BaseUrl);

        await dashboard.RunAsync(async page =>
        {
            var rows = page.GetByRole(AriaRole.Table, new() { Name = "Deliveries" }).Locator("tbody tr");
            await Assertions.Expect(rows).ToHaveCountAsync(2);
            await Assertions.Expect(rows.Filter(new() { HasText = "rooms.created" })).ToContainTextAsync("Rooms bot"); // the name, not an id
            await page.GetByLabel("Status", new() { Exact = true }).SelectOptionAsync("failed");
            await Assertions.Expect(rows).ToHaveCountAsync(1);
            await Assertions.Expect(rows.First).ToContainTextAsync("Broken bot");
            await page.GetByLabel("Status", new() { Exact = true }).SelectOptionAsync("");
            await page.GetByLabel("Webhook", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "Rooms bot" });
            await Assertions.Expect(rows).ToHaveCountAsync(1);
            await page.GetByLabel("Webhook", new() { Exact = true }).SelectOptionAsync("");
            await page.GetByLabel("Resource.event", new() { Exact = true }).SelectOptionAsync("messages.created");
            await Assertions.Expect(rows).ToHaveCountAsync(1);
            await Assertions.Expect(rows.First).ToContainTextAsync("500");
            await page.GetByLabel("Resource.event", new() { Exact = true }).SelectOptionAsync("");

            await rows.Filter(new() { HasText = "rooms.created" }).ClickAsync();
            await Assertions.Expect(page.Locator("#details-signature-check")).ToContainTextAsync("✓ matches");
            await page.GetByText("Edit and resend").ClickAsync();
            var edited = (await page.GetByLabel("Body to send", new() { Exact = false }).InputValueAsync()).Replace("\"group\"", "\"direct\"");
            await page.GetByLabel("Body to send", new() { Exact = false }).FillAsync(edited);
            await page.GetByRole(AriaRole.Button, new() { Name = "Resend edited" }).ClickAsync();
            await Assertions.Expect(page.Locator("#edit-result")).ToContainTextAsync("Sent as delivery #");
            var resent = (await good.WaitForAsync(2))[1];
            Assert.Equal(System.Text.Json.Nodes.JsonNode.Parse(edited)!.ToJsonString(), resent.BodyText);   // compact, as Webex sends
            Assert.Equal(MockWebex.Delivery.WebhookSigner.Sign("s3cret", resent.Body), resent.Header("X-Spark-Signature"));
        });
    }

    [Fact]
    public async Task FailureMeter_ShowsFailuresOutOfTheThreshold_AndProbationAfterReactivation()
    {
        await using var receiver = await TestReceiver.StartAsync();
        receiver.Respond = _ => Task.FromResult(500);
        await using var emulator = await Emulator.StartAsync(new() { ["Delivery:FailureThreshold"] = "4" });
        var hook = await emulator.Client().CreateWebhookAsync(new { name = "Meter bot", targetUrl = receiver.Url, resource = "messages", @event = "created" });
        await emulator.TriggerAsync(new { resource = "messages", @event = "created", count = 2 });
        await emulator.WaitForDeliveriesAsync(d => d.Count == 2 && d.All(x => x!["status"]!.ToString() == "failed"));
        await using var dashboard = await DashboardPage.OpenAsync(browser.Browser, emulator.BaseUrl);

        await dashboard.RunAsync(async page =>
        {
            var row = page.GetByRole(AriaRole.Table, new() { Name = "Webhooks" }).GetByRole(AriaRole.Row).Filter(new() { HasText = "Meter bot" });
            await Assertions.Expect(row).ToContainTextAsync("2 / 4 in 5 min");
            await Assertions.Expect(page.GetByRole(AriaRole.Meter, new() { Name = "Meter bot: 2 of 4 failures" })).ToBeVisibleAsync();
            await emulator.TriggerAsync(new { resource = "messages", @event = "created", count = 2 });
            await Assertions.Expect(row.Locator(".badge")).ToHaveTextAsync("inactive");
            await page.GetByRole(AriaRole.Button, new() { Name = "Reactivate Meter bot" }).ClickAsync();
            await Assertions.Expect(row).ToContainTextAsync("probation:");
            await Assertions.Expect(row).ToContainTextAsync("left (one failure disables it)");
        });
    }

    [Fact]
    public async Task ApiReference_LinkedFromTheDashboard_RendersTheOperationsOffline()
    {
        await using var emulator = await Emulator.StartAsync();
        await using var dashboard = await DashboardPage.OpenAsync(browser.Browser, emulator.BaseUrl);
        var external = new List<string>();
        dashboard.Page.Request += (_, request) => { if (!request.Url.StartsWith(emulator.BaseUrl) && !request.Url.StartsWith("data:")) external.Add(request.Url); };

        await dashboard.RunAsync(async page =>
        {
            await page.GetByRole(AriaRole.Link, new() { Name = "API reference" }).ClickAsync();
            await Assertions.Expect(page.GetByText("Create a webhook").First).ToBeVisibleAsync(new() { Timeout = 30_000 });
            Assert.Empty(external); // no CDN, no web fonts
        });
    }

    [Fact]
    public async Task FaultRules_ShownWithTheirAnswerAndMaskedToken_RemovedFromTheTable()
    {
        await using var emulator = await Emulator.StartAsync();
        var admin = emulator.Client(null);
        (await admin.PostAsJsonAsync("/_emulator/faults", new { method = "GET", path = "/v1/messages/*", token = "bob-secret-token", status = 429, retryAfter = 2, count = 3 })).EnsureSuccessStatusCode();
        (await admin.PostAsJsonAsync("/_emulator/faults", new { path = "/v1/rooms", status = 0, delayMs = 1500, probability = 0.25 })).EnsureSuccessStatusCode();
        await using var dashboard = await DashboardPage.OpenAsync(browser.Browser, emulator.BaseUrl);

        await dashboard.RunAsync(async page =>
        {
            var table = page.GetByRole(AriaRole.Table, new() { Name = "Fault rules" });
            var limited = table.GetByRole(AriaRole.Row).Filter(new() { HasText = "/v1/messages/*" });
            await Assertions.Expect(limited).ToContainTextAsync("429, Retry-After 2 s");
            await Assertions.Expect(limited).ToContainTextAsync("bob-…");
            await Assertions.Expect(limited).Not.ToContainTextAsync("secret");
            var slow = table.GetByRole(AriaRole.Row).Filter(new() { HasText = "/v1/rooms" });
            await Assertions.Expect(slow).ToContainTextAsync("1500 ms");
            await Assertions.Expect(slow).ToContainTextAsync("25 % of calls");

            // A rule firing shows in the table on the next poll.
            Assert.Equal(System.Net.HttpStatusCode.TooManyRequests, (await emulator.Client("bob-secret-token").GetAsync("/v1/messages/x")).StatusCode);
            await Assertions.Expect(limited.Locator("td").Nth(5)).ToHaveTextAsync("1");
            await Assertions.Expect(limited.Locator("td").Nth(6)).ToHaveTextAsync("2");

            await page.GetByRole(AriaRole.Button, new() { Name = "Remove fault rule fault-1" }).ClickAsync();
            await Assertions.Expect(limited).ToHaveCountAsync(0);
            await page.GetByRole(AriaRole.Button, new() { Name = "Remove every rule" }).ClickAsync();
            await Assertions.Expect(page.Locator("#no-faults")).ToContainTextAsync("No fault rules");
            Assert.Empty((await admin.GetFromJsonAsync<JsonObject>("/_emulator/faults"))!["items"]!.AsArray());
        });
    }

    [Fact]
    public async Task VerifyForm_GradesAReceiver_ShowsEachCheckWithItsEvidence()
    {
        await using var receiver = await TestReceiver.StartAsync();
        // Signs nothing, checks nothing: accepts every delivery.
        await using var emulator = await Emulator.StartAsync();
        await using var dashboard = await DashboardPage.OpenAsync(browser.Browser, emulator.BaseUrl);

        await dashboard.RunAsync(async page =>
        {
            await page.GetByLabel("Receiver URL").FillAsync(receiver.Url);
            await page.GetByLabel("Webhook secret").FillAsync("form-secret");
            await page.GetByRole(AriaRole.Button, new() { Name = "Run checks" }).ClickAsync();
            await Assertions.Expect(page.Locator("#verify-result")).ToContainTextAsync("10 passed, 3 failed", new() { Timeout = 60_000 });
            var report = page.GetByRole(AriaRole.Table, new() { Name = "Verify report" });
            var forged = report.GetByRole(AriaRole.Row).Filter(new() { HasText = "rejects a forged signature" });
            await Assertions.Expect(forged.Locator(".badge")).ToHaveTextAsync("fail");
            await Assertions.Expect(forged).ToContainTextAsync("answered 200");
            await Assertions.Expect(report.GetByRole(AriaRole.Row).Filter(new() { HasText = "answers a unicode body 2xx" }).Locator(".badge")).ToHaveTextAsync("pass");
            Assert.Contains(receiver.Received, r => r.Header("x-spark-signature") is null); // the missing-signature check reached it
        });
    }

    [Theory]
    [InlineData(1280, 800)]
    [InlineData(390, 844)]
    public async Task Dashboard_AtDesktopAndPhoneSizes_NoPageWideHorizontalScroll_Screenshot(int width, int height)
    {
        await using var receiver = await TestReceiver.StartAsync();
        await using var emulator = await Emulator.StartAsync();
        await emulator.Client().CreateWebhookAsync(new { name = "A bot with a long name", targetUrl = receiver.Url + "/" + new string('p', 120), resource = "messages", @event = "created", secret = "s" });
        await emulator.TriggerAsync(new { resource = "messages", @event = "created", count = 3 });
        await emulator.WaitForDeliveriesAsync(d => d.Count == 3 && d.All(x => x!["status"]!.ToString() != "pending"));
        await using var dashboard = await DashboardPage.OpenAsync(browser.Browser, emulator.BaseUrl);

        await dashboard.RunAsync(async page =>
        {
            await page.SetViewportSizeAsync(width, height);
            await Assertions.Expect(page.GetByRole(AriaRole.Table, new() { Name = "Deliveries" }).Locator("tbody tr")).ToHaveCountAsync(3);
            Assert.True(await page.EvaluateAsync<bool>($"document.documentElement.scrollWidth <= {width}"), "the page scrolls sideways");
            // Times never wrap onto two lines.
            var wrapped = await page.EvaluateAsync<int>("[...document.querySelectorAll('td.time')].filter(td => td.getClientRects().length && td.offsetHeight > 2 * parseFloat(getComputedStyle(td).lineHeight || '16')).length");
            Assert.Equal(0, wrapped);
            var folder = Path.Combine(AppContext.BaseDirectory, "screenshots");
            Directory.CreateDirectory(folder);
            await page.ScreenshotAsync(new() { Path = Path.Combine(folder, $"dashboard-{width}x{height}.png"), FullPage = true });
        });
    }
}

[Collection(BrowserCollection.Name)]
public sealed class CrossOriginAttackTests(BrowserFixture browser)
{
    /// <summary>
    /// A page of another origin on this machine (another dev server, say) that serves <paramref name="html"/>: Chromium lets
    /// loopback pages call loopback freely, so only the emulator itself can refuse.
    /// </summary>
    private static async Task<Microsoft.AspNetCore.Builder.WebApplication> StartSiteAsync(string html)
    {
        var site = Microsoft.AspNetCore.Builder.WebApplication.CreateSlimBuilder();
        site.WebHost.UseUrls("http://127.0.0.1:0");
        site.Logging.ClearProviders();
        var app = site.Build();
        ((IApplicationBuilder)app).Run(http =>
        {
            http.Response.ContentType = "text/html";
            return http.Response.WriteAsync(html);
        });
        await app.StartAsync();
        return app;
    }

    [Fact]
    public async Task APageOnAnotherOrigin_CannotShowTheDashboardInAFrame()
    {
        // Framed, the dashboard's Reset and Redeliver buttons could sit under another page's bait (clickjacking).
        await using var emulator = await Emulator.StartAsync();
        await using var context = await browser.Browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await using var attacker = await StartSiteAsync($"<html><body><iframe id='f' src='{emulator.BaseUrl}/dashboard/'></iframe></body></html>");

        await page.GotoAsync(attacker.Urls.First() + "/"); // waits for the frame's load too
        var frame = page.Frames.Single(f => f != page.MainFrame);

        Assert.Null(await frame.QuerySelectorAsync("#trigger-form"));
        // Opened directly, the same page has the form.
        await page.GotoAsync(emulator.BaseUrl + "/dashboard/");
        Assert.NotNull(await page.QuerySelectorAsync("#trigger-form"));
    }

    [Fact]
    public async Task APageOnAnotherOrigin_CannotResetReadOrTrigger()
    {
        await using var receiver = await TestReceiver.StartAsync();
        await using var emulator = await Emulator.StartAsync();
        await emulator.Client().CreateWebhookAsync(new { name = "victim", targetUrl = receiver.Url, resource = "messages", @event = "created", secret = "top-secret" });
        await using var context = await browser.Browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await using var attacker = await StartSiteAsync("<html><body>hi</body></html>");
        await page.GotoAsync(attacker.Urls.First() + "/");

        var outcome = await page.EvaluateAsync<string[]>("""
            async (emulator) => {
              const results = [];
              const tryIt = async (name, work) => { try { results.push(name + ': ' + await work()); } catch (e) { results.push(name + ': blocked'); } };
              await tryIt('reset no-cors', async () => (await fetch(emulator + '/_emulator/reset', { method: 'POST', mode: 'no-cors' })).type);
              await tryIt('trigger text/plain', async () => (await fetch(emulator + '/_emulator/events', { method: 'POST', mode: 'no-cors',
                headers: { 'Content-Type': 'text/plain' }, body: JSON.stringify({ resource: 'messages', event: 'created' }) })).type);
              await tryIt('read webhooks', async () => JSON.stringify(await (await fetch(emulator + '/_emulator/webhooks')).json()));
              await tryIt('beacon reset', async () => navigator.sendBeacon(emulator + '/_emulator/reset', '{}'));
              const frame = document.createElement('iframe'); frame.name = 'sink'; document.body.append(frame);
              const form = document.createElement('form'); form.method = 'POST'; form.action = emulator + '/_emulator/reset'; form.target = 'sink';
              document.body.append(form); form.submit();
              // The refusal page loads in the frame; an accepted reset (204) would load nothing, hence the bound.
              await Promise.race([new Promise(r => frame.addEventListener('load', r, { once: true })), new Promise(r => setTimeout(r, 10000))]);
              return results;
            }
            """, emulator.BaseUrl);

        Assert.DoesNotContain(outcome, r => r.Contains("top-secret") || r.Contains("victim"));
        // Nothing happened: the webhook is there, nothing was triggered, nothing was delivered.
        var hooks = await emulator.Client().GetWebexAsync("/v1/webhooks").OkAsync();
        Assert.Single(hooks["items"]!.AsArray());
        Assert.Empty(await emulator.DeliveriesAsync());
        Assert.Empty(receiver.Received);
    }
}
