using System.CommandLine;
using System.Diagnostics;
using System.Text;
using MockWebex.Delivery;
using MockWebex.Forwarder;

namespace MockWebex.Cli;

/// <summary>relay, listen, forward and replay: getting real Webex deliveries to localhost and back again.</summary>
public static class TunnelCommands
{
    public static Command Relay()
    {
        var port = new Option<int>("--port") { Description = "Port (0 = free)", DefaultValueFactory = _ => 8443 };
        var host = new Option<string>("--host") { Description = "Interface to bind", DefaultValueFactory = _ => "0.0.0.0" };
        var token = new Option<string>("--token") { Description = "Secret that tunnel clients must present", Required = true };
        var command = new Command("relay", "Public side of the tunnel: Webex posts to /hooks/{channel}") { port, host, token };
        command.SetAction(async (parse, ct) =>
        {
            await using var app = RelayServer.Build(parse.GetValue(token)!, $"http://{parse.GetValue(host)}:{parse.GetValue(port)}");
            await app.StartAsync(ct);
            Console.WriteLine($"MockWebex relay listening on {app.Urls.First()}  (webhook targetUrl: <public url>/hooks/<channel>)");
            await app.WaitForShutdownAsync(ct);
            return 0;
        });
        return command;
    }

    public static Command Listen()
    {
        var relay = new Option<string>("--relay") { Description = "Relay URL, e.g. https://relay.example.com", Required = true };
        var channel = new Option<string>("--channel") { Description = "Channel name (part of the public URL)", Required = true };
        var token = new Option<string>("--token") { Description = "The relay's token", Required = true };
        var (forwardTo, secret, reject, record) = InspectOptionsFor();
        var command = new Command("listen", "Attach to a relay and forward its deliveries to a local URL") { relay, channel, token, forwardTo, secret, reject, record };
        command.SetAction(async (parse, ct) =>
        {
            var inspect = new InspectOptions(parse.GetValue(forwardTo)!, parse.GetValue(secret), parse.GetValue(reject), parse.GetValue(record));
            await using var client = new TunnelClient(parse.GetValue(relay)!, parse.GetValue(channel)!, parse.GetValue(token)!, inspect, Console.Out);
            await client.StartAsync();
            Console.WriteLine($"Tunnel ready: {client.PublicUrl} → {inspect.ForwardTo}  (feed: {client.FeedUrl})");
            while (!ct.IsCancellationRequested && client.Refused is null) await Task.Delay(200, ct).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            return client.Refused is null ? 0 : 2;
        });
        return command;
    }

    public static Command Forward()
    {
        var port = new Option<int>("--port") { Description = "Port to listen on (0 = free)", DefaultValueFactory = _ => 8081 };
        var (to, secret, reject, record) = InspectOptionsFor("--to");
        var command = new Command("forward", "Plain YARP forwarder to a local URL, showing and recording deliveries") { port, to, secret, reject, record };
        command.SetAction(async (parse, ct) =>
        {
            var inspect = new InspectOptions(parse.GetValue(to)!, parse.GetValue(secret), parse.GetValue(reject), parse.GetValue(record));
            await using var app = InspectingForwarder.Build(inspect, $"http://127.0.0.1:{parse.GetValue(port)}", Console.Out);
            await app.StartAsync(ct);
            Console.WriteLine($"MockWebex forwarder listening on {app.Urls.First()} → {inspect.ForwardTo}  (feed: {app.Urls.First()}/_relay/)");
            await app.WaitForShutdownAsync(ct);
            return 0;
        });
        return command;
    }

    public static Command Replay()
    {
        var file = new Argument<string>("capture") { Description = "JSONL file written by --record" };
        var to = new Option<string>("--to") { Description = "Where to send the deliveries", Required = true };
        var secret = new Option<string?>("--secret") { Description = "Re-sign each body with this secret (else the captured signature is sent)" };
        var speed = new Option<double>("--speed") { Description = "1 = original pacing, 0 = as fast as possible", DefaultValueFactory = _ => 0 };
        var command = new Command("replay", "Re-send captured deliveries") { file, to, secret, speed };
        command.SetAction((parse, ct) => CommonOptions.GuardAsync(async () =>
        {
            var path = parse.GetValue(file)!;
            if (!File.Exists(path)) throw new CliException($"no capture file {path}");
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
            DateTimeOffset? previous = null;
            var failures = 0;
            foreach (var captured in CaptureFile.Read(path))
            {
                if (previous is { } p && parse.GetValue(speed) > 0)
                    await Task.Delay((captured.Time - p) / parse.GetValue(speed), ct);
                previous = captured.Time;
                var status = await SendAsync(http, captured, parse.GetValue(to)!, parse.GetValue(secret), ct);
                if (status is < 200 or >= 300) failures++;
            }
            return failures == 0 ? 0 : 1;
        }));
        return command;
    }

    public static Command CaptureToFixtureCommand()
    {
        var file = new Argument<string>("capture") { Description = "JSONL file written by --record" };
        var index = new Option<int>("--index") { Description = "Which delivery in the file (0 = first)", DefaultValueFactory = _ => 0 };
        var output = new Option<string>("--out") { Description = "Folder to write <resource>.<event>.json into", DefaultValueFactory = _ => "." };
        var force = new Option<bool>("--force") { Description = "Overwrite an existing fixture" };
        var command = new Command("capture-to-fixture", "Turn a captured delivery into a fixtures/events file with personal data replaced") { file, index, output, force };
        command.SetAction(parse => CommonOptions.GuardAsync(async () =>
        {
            var captured = File.Exists(parse.GetValue(file)) ? CaptureFile.Read(parse.GetValue(file)!).ElementAtOrDefault(parse.GetValue(index)) : null;
            if (captured is null) throw new CliException($"no delivery #{parse.GetValue(index)} in {parse.GetValue(file)}");
            var (name, fixture) = MockWebex.Forwarder.CaptureToFixture.Convert(captured);
            var path = Path.Combine(parse.GetValue(output)!, name + ".json");
            if (File.Exists(path) && !parse.GetValue(force)) throw new CliException($"{path} exists; pass --force to overwrite");
            await File.WriteAllTextAsync(path, fixture.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }) + "\n");
            Console.WriteLine($"wrote {path}");
            return 0;
        }));
        return command;
    }

    private static async Task<int> SendAsync(HttpClient http, CapturedDelivery captured, string to, string? secret, CancellationToken ct)
    {
        var body = Encoding.UTF8.GetBytes(captured.Body);
        using var request = new HttpRequestMessage(new HttpMethod(captured.Method), to) { Content = new ByteArrayContent(body) };
        request.Content.Headers.TryAddWithoutValidation("Content-Type", captured.Headers.GetValueOrDefault("Content-Type") ?? "application/json");
        var signature = secret is null ? captured.Headers.GetValueOrDefault(WebhookSigner.Header) : WebhookSigner.Sign(secret, body);
        if (signature is not null) request.Headers.TryAddWithoutValidation(WebhookSigner.Header, signature);
        var started = Stopwatch.GetTimestamp();
        using var response = await http.SendAsync(request, ct);
        Console.WriteLine($"{captured.EventName,-30} {(int)response.StatusCode}  {Stopwatch.GetElapsedTime(started).TotalMilliseconds,7:0.0} ms");
        return (int)response.StatusCode;
    }

    private static (Option<string>, Option<string?>, Option<bool>, Option<string?>) InspectOptionsFor(string targetName = "--forward-to") => (
        new Option<string>(targetName) { Description = "Local URL to deliver to, e.g. http://localhost:3000/webhook", Required = true },
        new Option<string?>("--secret") { Description = "Verify X-Spark-Signature with this webhook secret" },
        new Option<bool>("--reject-bad-signatures") { Description = "Answer 401 instead of forwarding when the signature does not match" },
        new Option<string?>("--record") { Description = "Append every delivery to this JSONL capture file" });
}
