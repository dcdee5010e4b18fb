using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using MockWebex.Delivery;
using MockWebex.Tunnel;
using MockWebex.Tests.Infrastructure;

namespace MockWebex.Tests.Forwarder;

/// <summary>`forward --record`, `replay` and `capture-to-fixture` as processes: nothing lost, nothing personal kept.</summary>
public sealed class CaptureAndReplayProcessTests() : TempFolder("capture-")
{

    [Fact]
    public async Task Record_BinaryAndTextBodies_Lossless_ReplaySendsTheSameRequestWithTheOriginalSignatureValid()
    {
        await using var app = await TestReceiver.StartAsync();
        var capture = Path.Combine(Folder, "capture.jsonl");
        await using var forward = CliProcess.Start("forward", "--port", "0", "--to", app.Url, "--record", capture, "--secret", "k");
        var ingress = await forward.WaitForUrlAsync(@"forwarder listening on (http://\S+)");

        var binary = Enumerable.Range(0, 1042).Select(i => (byte)(i * 7 % 256)).ToArray(); // not UTF-8
        var text = Encoding.UTF8.GetBytes("""{"resource":"messages","event":"created","data":{"id":"ü ✓ 🎉"}}""");
        using var http = new HttpClient();
        foreach (var (body, path) in new[] { (binary, "/bin/a%2Fb?x=1"), (text, "") })
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, TunnelProtocol.ExactUri(ingress + path)) { Content = new ByteArrayContent(body) };
            request.Content.Headers.TryAddWithoutValidation("Content-Type", "application/octet-stream");
            request.Headers.Add(WebhookSigner.Header, WebhookSigner.Sign("k", body));
            request.Headers.TryAddWithoutValidation("User-Agent", "Webex-Webhooks/1.0");
            request.Headers.Add("TrackingID", "ROUTER_abc");
            Assert.Equal(HttpStatusCode.OK, (await http.SendAsync(request)).StatusCode);
        }
        await forward.WaitForOutputAsync("messages.created .*signature ok");

        var bytes = await File.ReadAllBytesAsync(capture);
        Assert.NotEqual(0xEF, bytes[0]); // no UTF-8 BOM: every line parses on its own (Python's json.loads, jq…)
        var lines = (await File.ReadAllLinesAsync(capture)).Select(l => JsonNode.Parse(l)!).ToList();
        Assert.Equal(Convert.ToBase64String(binary), lines[0]["bodyBase64"]!.ToString());
        Assert.Null(lines[0]["body"]);
        Assert.Equal("/bin/a%2Fb?x=1", lines[0]["path"]!.ToString());

        await using var target = await TestReceiver.StartAsync();
        var (exit, output) = await CliProcess.RunAsync("replay", capture, "--to", target.Url);
        Assert.True(exit == 0, output);
        var replayed = await target.WaitForAsync(2);
        Assert.Equal(binary, replayed[0].Body);
        Assert.Equal(text, replayed[1].Body);
        Assert.Equal(["/hook/bin/a%2Fb?x=1", "/hook"], replayed.Select(r => r.Path));
        Assert.All(replayed, r => Assert.Equal(WebhookSigner.Sign("k", r.Body), r.Header(WebhookSigner.Header)));
        Assert.All(replayed, r => Assert.Equal("Webex-Webhooks/1.0", r.Header("User-Agent")));
        Assert.All(replayed, r => Assert.Equal("ROUTER_abc", r.Header("TrackingID")));
        Assert.All(replayed, r => Assert.Equal("application/octet-stream", r.Header("Content-Type")));
    }

    [Fact]
    public async Task Record_FileCannotGrow_DeliveriesGoOn_TheCaptureHoldsWholeRecordsOnly()
    {
        // `forward`'s files may not grow past 16 KiB, as on a full disk.
        await using var app = await TestReceiver.StartAsync();
        var capture = Path.Combine(Folder, "capture.jsonl");
        await using var forward = CliProcess.StartWithFileSizeLimit(16, null, "forward", "--port", "0", "--to", app.Url, "--record", capture);
        var ingress = await forward.WaitForUrlAsync(@"forwarder listening on (http://\S+)");

        using var http = new HttpClient();
        const int Sent = 12; // 3 KB each: about five fit
        for (var i = 0; i < Sent; i++)
        {
            var body = new JsonObject { ["resource"] = "messages", ["event"] = "created", ["data"] = new JsonObject { ["n"] = i, ["fill"] = new string('x', 3000) } }.ToJsonString();
            Assert.Equal(HttpStatusCode.OK, (await http.PostAsync(ingress, new StringContent(body))).StatusCode);
        }
        await app.WaitForAsync(Sent);
        await forward.WaitForOutputAsync($"cannot record to {capture}");

        var recorded = (await File.ReadAllLinesAsync(capture)).Length;
        Assert.InRange(recorded, 1, Sent - 1);
        await using var target = await TestReceiver.StartAsync();
        var (exit, output) = await CliProcess.RunAsync("replay", capture, "--to", target.Url);
        Assert.True(exit == 0, output);
        Assert.Equal(Enumerable.Range(0, recorded), (await target.WaitForAsync(recorded)).Select(r => JsonNode.Parse(r.Body)!["data"]!["n"]!.GetValue<int>()));
    }

    [Fact]
    public async Task Replay_BadInput_OneClearLineAndNonZeroExit()
    {
        var capture = Path.Combine(Folder, "bad.jsonl");
        await File.WriteAllTextAsync(capture, "{\"time\":\"2026-01-01T00:00:00Z\",\"method\":\"POST\",\"path\":\"\",\"headers\":{},\"body\":\"{}\",\"status\":200,\"latencyMs\":1}\nnot json at all\n");
        await using var app = await TestReceiver.StartAsync();
        var cases = new[]
        {
            (new[] { "replay", capture, "--to", app.Url }, "bad.jsonl:2: not a capture record"),
            (new[] { "replay", capture, "--to", "http://127.0.0.1:1/hook" }, "cannot reach http://127.0.0.1:1/hook"),
            (new[] { "replay", Path.Combine(Folder, "missing.jsonl"), "--to", app.Url }, "no capture file"),
            (new[] { "replay", capture, "--to", "not a url" }, "--to must be an http or https URL"),
            (new[] { "capture-to-fixture", capture, "--index", "1", "--out", Folder }, "bad.jsonl:2: not a capture record"),
        };
        foreach (var (args, message) in cases)
        {
            var (exit, output) = await CliProcess.RunAsync(args);
            Assert.True(exit != 0, output);
            Assert.Contains(message, output);
            Assert.DoesNotContain("   at ", output);
            Assert.True(output.Trim().Split('\n').Count(l => l.StartsWith("error:")) == 1, output);
        }
    }

    [Fact]
    public async Task CaptureToFixture_CaptureFullOfPersonalData_NoneOfItsStringsInTheFixture_AndTheActorStaysOnePerson()
    {
        var actor = MockWebex.Common.WebexIds.Encode("PEOPLE", "0f0f0f0f-1111-2222-3333-444444444444");
        var secrets = new Dictionary<string, string>
        {
            ["title"] = "Jane Doe's salary review 2024",
            ["meetingTitle"] = "Board meeting: layoffs",
            ["text"] = "my password is hunter2",
            ["meetingNumber"] = "2634 123 4567",
            ["phoneNumber"] = "+1 408 555 0100",
            ["webLink"] = "https://acme.webex.com/meet/jane.doe",
            ["siteUrl"] = "acme.webex.com",
            ["sipAddress"] = "jane.doe@acme.webex.com",
            ["hostEmail"] = "jane.doe@acme.com",
            ["hostDisplayName"] = "Jane Doe",
            ["personEmail"] = "real.person@GMAIL.COM",
            ["personDisplayName"] = "Real Person",
            ["nickName"] = "janie",
            ["customField"] = "Project Falcon budget",
        };
        var data = new JsonObject { ["id"] = MockWebex.Common.WebexIds.Encode("MEETING", "m1"), ["personId"] = actor, ["state"] = "started", ["roomType"] = "group" };
        foreach (var (key, value) in secrets) data[key] = value;
        data["inputs"] = new JsonObject { ["ssn"] = "123-45-6789", ["comment"] = "call me at home", ["age"] = 52, ["agree"] = "yes" };
        var body = new JsonObject { ["id"] = "W", ["resource"] = "meetings", ["event"] = "started", ["actorId"] = actor, ["data"] = data }.ToJsonString();
        var capture = Path.Combine(Folder, "c.jsonl");
        await new CaptureFile(capture).AppendAsync(CapturedDelivery.Create(DateTimeOffset.UtcNow, "POST", "", new(), Encoding.UTF8.GetBytes(body), 200, 1, null));

        var (exit, output) = await CliProcess.RunAsync("capture-to-fixture", capture, "--out", Folder);
        Assert.True(exit == 0, output);
        var text = await File.ReadAllTextAsync(Path.Combine(Folder, "meetings.started.json"));
        foreach (var value in secrets.Values.Concat(["123-45-6789", "call me at home", "52", "hunter2", "Jane", "acme", "janie", "Falcon"]))
            Assert.DoesNotContain(value, text, StringComparison.OrdinalIgnoreCase);
        var fixture = MockWebex.Fixtures.EventFixture.Load(Path.Combine(Folder, "meetings.started.json"));
        Assert.Equal("{{actor.id}}", fixture.Data["personId"]!.ToString());
        Assert.Equal("{{actor.email}}", fixture.Data["personEmail"]!.ToString());
        Assert.Equal("{{actor.displayName}}", fixture.Data["personDisplayName"]!.ToString());
        Assert.Equal("started", fixture.Data["state"]!.ToString()); // enum-like values stay
        Assert.Equal("group", fixture.Data["roomType"]!.ToString());

        // The fixture generates, and the actor a delivery names is the person GET /v1/people/{id} returns.
        Directory.CreateDirectory(Path.Combine(Folder, "events"));
        File.Move(Path.Combine(Folder, "meetings.started.json"), Path.Combine(Folder, "events", "meetings.started.json"));
        await using var emulator = await Emulator.StartAsync(new() { ["Events:FixturesPath"] = Folder });
        var triggered = await emulator.TriggerAsync(new { resource = "meetings", @event = "started" });
        var generated = triggered["events"]![0]!["data"]!;
        var person = await emulator.Client("alice-token").GetWebexAsync($"/v1/people/{generated["personId"]}").OkAsync();
        Assert.Equal(generated["personEmail"]!.ToString(), person["emails"]![0]!.ToString());
        Assert.Equal(generated["personDisplayName"]!.ToString(), person["displayName"]!.ToString());
    }
}
