using System.CommandLine;
using System.Diagnostics;
using System.Text.Json;
using MockWebex.Delivery;
using MockWebex.Tunnel;

namespace MockWebex.Cli;

/// <summary>relay, listen, forward and replay: getting real Webex deliveries to localhost and back again.</summary>
public static class TunnelCommands
{
    public const string TokenVariable = "MOCKWEBEX_RELAY_TOKEN";

    public static Command Relay()
    {
        var port = new Option<int>("--port") { Description = "Port (0 = free)", DefaultValueFactory = _ => 8443 }.Port();
        var host = new Option<string>("--host") { Description = "Interface to bind", DefaultValueFactory = _ => "0.0.0.0" };
        var token = new Option<string?>("--token") { Description = $"Secret that tunnel clients present (or ${TokenVariable})" };
        var tokens = new Option<string?>("--tokens") { Description = "JSON file mapping each token to the channels it may hold: {\"token\": [\"channel\", \"*\"]}" };
        var cert = new Option<string?>("--cert") { Description = "PEM certificate: serve HTTPS (with --key)" };
        var key = new Option<string?>("--key") { Description = "PEM private key of --cert" };
        var sharing = new Option<bool>("--allow-sharing") { Description = "Let several clients hold one channel (round-robin); default: a second client is refused" };
        var whenOffline = new Option<string>("--when-offline") { Description = "No client attached: reject (503, Webex counts a failure) or queue (200, kept on disk, sent in order on attach)", DefaultValueFactory = _ => "reject" };
        whenOffline.AcceptOnlyFromAmong("reject", "queue");
        var queueDir = new Option<string>("--queue-dir") { Description = "Folder for deliveries queued while offline", DefaultValueFactory = _ => "relay-queue" };
        var queueLimit = new Option<int>("--queue-limit") { Description = "Deliveries queued per channel; past it the relay answers 503", DefaultValueFactory = _ => 1000 }.Between(1, 1_000_000);
        var timeout = TimeoutOption();
        var ping = new Option<double>("--ping-interval") { Description = "Seconds between pings through each tunnel; a client that misses one is dropped", DefaultValueFactory = _ => 5 }.Between(0.1, 3600);
        var command = new Command("relay", "Public side of the tunnel: Webex posts to /hooks/{channel}")
            { port, host, token, tokens, cert, key, sharing, whenOffline, queueDir, queueLimit, timeout, ping };
        command.SetAction((parse, ct) => CommonOptions.GuardAsync(async () =>
        {
            if ((parse.GetValue(cert) is null) != (parse.GetValue(key) is null)) throw new CliException("--cert and --key go together");
            foreach (var file in new[] { parse.GetValue(cert), parse.GetValue(key), parse.GetValue(tokens) })
                if (file is not null && !File.Exists(file)) throw new CliException($"no such file: {file}");
            var singleToken = parse.GetValue(token) ?? Environment.GetEnvironmentVariable(TokenVariable);
            var tokenMap = parse.GetValue(tokens) is { } path ? ReadTokens(path) : null;
            if (singleToken is null && tokenMap is null) throw new CliException($"a relay needs --token, ${TokenVariable} or --tokens FILE");
            var options = new RelayOptions
            {
                Host = parse.GetValue(host)!,
                Port = parse.GetValue(port),
                Token = singleToken,
                Tokens = tokenMap,
                CertificatePath = parse.GetValue(cert),
                KeyPath = parse.GetValue(key),
                AllowSharing = parse.GetValue(sharing),
                QueueWhenOffline = parse.GetValue(whenOffline) == "queue",
                QueueDirectory = Path.GetFullPath(parse.GetValue(queueDir)!),
                QueueLimit = parse.GetValue(queueLimit),
                Timeout = TimeSpan.FromSeconds(parse.GetValue(timeout)),
                PingInterval = TimeSpan.FromSeconds(parse.GetValue(ping)),
                PingTimeout = TimeSpan.FromSeconds(parse.GetValue(ping)),
            };
            WebApplication app;
            try
            {
                app = RelayServer.Build(options, Console.Out);
            }
            catch (Exception e) when (e is System.Security.Cryptography.CryptographicException or FormatException)
            {
                throw new CliException($"cannot use the certificate: {e.Message}");
            }
            await using (app)
            {
                await StartOrExplainAsync(app, options.Port, ct);
                Console.WriteLine($"MockWebex relay listening on {app.Urls.First()}  (webhook targetUrl: <public url>/hooks/<channel>; "
                    + (options.QueueWhenOffline ? $"queues up to {options.QueueLimit} per channel while no client is attached)" : "503 while no client is attached)"));
                await app.WaitForShutdownAsync(ct);
            }
            return 0;
        }));
        return command;
    }

    public static Command Listen()
    {
        var relay = new Option<string>("--relay") { Description = "Relay URL, e.g. https://relay.example.com", Required = true };
        var channel = new Option<string>("--channel") { Description = "Channel name (part of the public URL)", Required = true };
        var token = new Option<string?>("--token") { Description = $"The relay's token (or ${TokenVariable}, which keeps it out of the process list)" };
        var ca = new Option<string?>("--ca") { Description = "PEM file of a CA or self-signed certificate to trust for the relay" };
        var (forwardTo, secret, reject, record) = InspectOptionsFor();
        var timeout = TimeoutOption();
        var inspectPort = new Option<int>("--inspect-port") { Description = "Loopback port of the inspector page (0 = free)", DefaultValueFactory = _ => 0 }.Port();
        var command = new Command("listen", "Attach to a relay and forward its deliveries to a local URL")
            { relay, channel, token, ca, forwardTo, secret, reject, record, timeout, inspectPort };
        command.SetAction((parse, ct) => CommonOptions.GuardAsync(async () =>
        {
            var key = parse.GetValue(token) ?? Environment.GetEnvironmentVariable(TokenVariable)
                ?? throw new CliException($"no relay token: pass --token or set {TokenVariable}");
            if (parse.GetValue(ca) is { } caFile && !File.Exists(caFile)) throw new CliException($"no such file: {caFile}");
            var inspect = Inspect(parse, forwardTo, secret, reject, record, timeout) with { InspectorPort = parse.GetValue(inspectPort) };
            TunnelClient client;
            try
            {
                client = new TunnelClient(new TunnelClientOptions(parse.GetValue(relay)!, parse.GetValue(channel)!, key) { CaFile = parse.GetValue(ca) }, inspect, Console.Out);
            }
            catch (Exception e) when (e is ArgumentException or UriFormatException or System.Security.Cryptography.CryptographicException)
            {
                throw new CliException(e.Message);
            }
            await using (client)
            {
                await CommonOptions.StartOrExplainAsync(client.StartAsync, parse.GetValue(inspectPort));
                Console.WriteLine($"connecting to {parse.GetValue(relay)} (channel '{parse.GetValue(channel)}')…");
                await Task.WhenAny(client.Stopped, Task.Delay(Timeout.Infinite, ct));
                return client.Refused is null ? 0 : 2;
            }
        }));
        return command;
    }

    public static Command Forward()
    {
        var port = new Option<int>("--port") { Description = "Port deliveries come in on (0 = free)", DefaultValueFactory = _ => 8081 }.Port();
        var host = new Option<string>("--host") { Description = "Interface to bind (0.0.0.0 to take deliveries from other hosts)", DefaultValueFactory = _ => "127.0.0.1" };
        var (to, secret, reject, record) = InspectOptionsFor("--to");
        var timeout = TimeoutOption();
        var inspectPort = new Option<int>("--inspect-port") { Description = "Loopback port of the inspector page (0 = free)", DefaultValueFactory = _ => 0 }.Port();
        var command = new Command("forward", "Forward deliveries to a local URL, showing and recording them") { port, host, to, secret, reject, record, timeout, inspectPort };
        command.SetAction((parse, ct) => CommonOptions.GuardAsync(async () =>
        {
            var inspect = Inspect(parse, to, secret, reject, record, timeout) with { InspectorPort = parse.GetValue(inspectPort) };
            await using var inspector = DeliveryInspector.Create(inspect, parse.GetValue(host)!, parse.GetValue(port), behindTunnel: false, Console.Out);
            await CommonOptions.StartOrExplainAsync(() => inspector.StartAsync(ct), parse.GetValue(port));
            Console.WriteLine($"MockWebex forwarder listening on {inspector.IngressUrl} → {inspect.ForwardTo}");
            Console.WriteLine($"inspector: {inspector.InspectorUrl}");
            await Task.Delay(Timeout.Infinite, ct).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            return 0;
        }));
        return command;
    }

    public static Command Replay()
    {
        var file = new Argument<string>("capture") { Description = "JSONL file written by --record" };
        var to = new Option<string>("--to") { Description = "App URL: each delivery goes to it with its captured path suffix and query appended", Required = true };
        var secret = new Option<string?>("--secret") { Description = "Re-sign each body with this secret (else the captured signature is sent)" };
        var bare = new Option<bool>("--bare") { Description = "Send to --to exactly, with only the body, Content-Type and signature" };
        var speed = new Option<double>("--speed") { Description = "1 = original pacing, 0 = as fast as possible", DefaultValueFactory = _ => 0 }.Between(0, 1000);
        var command = new Command("replay", "Re-send captured deliveries: method, path suffix, query, headers and body as captured") { file, to, secret, bare, speed };
        command.SetAction((parse, ct) => CommonOptions.GuardAsync(async () =>
        {
            var path = parse.GetValue(file)!;
            if (!File.Exists(path)) throw new CliException($"no capture file {path}");
            if (!Uri.TryCreate(parse.GetValue(to), UriKind.Absolute, out var target) || target.Scheme is not ("http" or "https"))
                throw new CliException($"--to must be an http or https URL, not '{parse.GetValue(to)}'");
            using var http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false }) { Timeout = TimeSpan.FromSeconds(30) };
            DateTimeOffset? previous = null;
            var failures = 0;
            try
            {
                foreach (var captured in CaptureFile.Read(path))
                {
                    if (previous is { } p && parse.GetValue(speed) > 0)
                        await Task.Delay((captured.Time - p) / parse.GetValue(speed), ct);
                    previous = captured.Time;
                    var status = await SendAsync(http, captured, parse.GetValue(to)!, parse.GetValue(secret), parse.GetValue(bare), ct);
                    if (status is < 200 or >= 300) failures++;
                }
            }
            catch (InvalidDataException e)
            {
                throw new CliException(e.Message);
            }
            catch (HttpRequestException e)
            {
                throw new CliException($"cannot reach {parse.GetValue(to)}: {e.GetBaseException().Message}");
            }
            catch (TaskCanceledException) when (!ct.IsCancellationRequested)
            {
                throw new CliException($"{parse.GetValue(to)} did not answer within 30 s");
            }
            return failures == 0 ? 0 : 1;
        }));
        return command;
    }

    public static Command CaptureToFixtureCommand()
    {
        var file = new Argument<string>("capture") { Description = "JSONL file written by --record" };
        var index = new Option<int>("--index") { Description = "Which delivery in the file (0 = first)", DefaultValueFactory = _ => 0 }.Between(0, int.MaxValue);
        var output = new Option<string>("--out") { Description = "Folder to write <resource>.<event>.json into", DefaultValueFactory = _ => "." };
        var force = new Option<bool>("--force") { Description = "Overwrite an existing fixture" };
        var command = new Command("capture-to-fixture", "Turn a captured delivery into a fixtures/events file with personal data replaced") { file, index, output, force };
        command.SetAction(parse => CommonOptions.GuardAsync(async () =>
        {
            try
            {
                var captured = File.Exists(parse.GetValue(file)) ? CaptureFile.Read(parse.GetValue(file)!).ElementAtOrDefault(parse.GetValue(index)) : null;
                if (captured is null) throw new CliException($"no delivery #{parse.GetValue(index)} in {parse.GetValue(file)}");
                var (name, fixture) = MockWebex.Tunnel.CaptureToFixture.Convert(captured);
                var path = Path.Combine(parse.GetValue(output)!, name + ".json");
                if (File.Exists(path) && !parse.GetValue(force)) throw new CliException($"{path} exists; pass --force to overwrite");
                await File.WriteAllTextAsync(path, fixture.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }) + "\n");
                Console.WriteLine($"wrote {path}");
                return 0;
            }
            catch (Exception e) when (e is InvalidDataException or JsonException)
            {
                throw new CliException(e.Message);
            }
        }));
        return command;
    }

    /// <summary>Hop-by-hop and framing headers: the HTTP client writes its own.</summary>
    private static readonly HashSet<string> NotReplayed = new(StringComparer.OrdinalIgnoreCase)
        { "Host", "Content-Length", "Transfer-Encoding", "Connection", "Keep-Alive", "Upgrade", "TE", "Trailer", "Proxy-Connection" };

    private static async Task<int> SendAsync(HttpClient http, CapturedDelivery captured, string to, string? secret, bool bare, CancellationToken ct)
    {
        var body = captured.BodyBytes();
        var url = bare ? to : ForwardTarget.Join(to, captured.Path);
        using var request = new HttpRequestMessage(new HttpMethod(captured.Method), TunnelProtocol.ExactUri(url)) { Content = new ByteArrayContent(body) };
        if (!bare)
        {
            foreach (var (name, value) in captured.Headers.Where(h => !NotReplayed.Contains(h.Key) && !h.Key.Equals(WebhookSigner.Header, StringComparison.OrdinalIgnoreCase)))
                if (!request.Headers.TryAddWithoutValidation(name, value)) request.Content.Headers.TryAddWithoutValidation(name, value);
        }
        if (request.Content.Headers.ContentType is null)
            request.Content.Headers.TryAddWithoutValidation("Content-Type", captured.Headers.GetValueOrDefault("Content-Type") ?? "application/json");
        var signature = secret is null ? captured.Headers.GetValueOrDefault(WebhookSigner.Header) : WebhookSigner.Sign(secret, body);
        if (signature is not null) request.Headers.TryAddWithoutValidation(WebhookSigner.Header, signature);
        var started = Stopwatch.GetTimestamp();
        using var response = await http.SendAsync(request, ct);
        Console.WriteLine($"{captured.EventName,-30} {captured.Method} {url} → {(int)response.StatusCode}  {Stopwatch.GetElapsedTime(started).TotalMilliseconds,7:0.0} ms");
        return (int)response.StatusCode;
    }

    private static Dictionary<string, IReadOnlyList<string>> ReadTokens(string path)
    {
        try
        {
            var map = JsonSerializer.Deserialize<Dictionary<string, List<string>>>(File.ReadAllText(path));
            if (map is null || map.Count == 0) throw new CliException($"{path}: no tokens in it");
            return map.ToDictionary(p => p.Key, p => (IReadOnlyList<string>)p.Value, StringComparer.Ordinal);
        }
        catch (JsonException e)
        {
            throw new CliException($"{path}: expected {{\"token\": [\"channel\", ...]}} ({e.Message.Split('.')[0]})");
        }
    }

    private static Task StartOrExplainAsync(WebApplication app, int port, CancellationToken ct) => CommonOptions.StartOrExplainAsync(() => app.StartAsync(ct), port);

    private static Option<double> TimeoutOption() =>
        new Option<double>("--timeout") { Description = "Seconds a delivery may take before it is answered 504", DefaultValueFactory = _ => 30 }.Between(0.001, 86_400);

    private static InspectOptions Inspect(ParseResult parse, Option<string> to, Option<string?> secret, Option<bool> reject, Option<string?> record, Option<double> timeout)
    {
        if (!Uri.TryCreate(parse.GetValue(to), UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            throw new CliException($"{to.Name} must be an http or https URL, not '{parse.GetValue(to)}'");
        return new InspectOptions(parse.GetValue(to)!, parse.GetValue(secret), parse.GetValue(reject), parse.GetValue(record))
        { Timeout = TimeSpan.FromSeconds(parse.GetValue(timeout)) };
    }

    private static (Option<string>, Option<string?>, Option<bool>, Option<string?>) InspectOptionsFor(string targetName = "--forward-to") => (
        new Option<string>(targetName) { Description = "Local URL to deliver to, e.g. http://localhost:3000/webhook (the path suffix after the public URL is appended)", Required = true },
        new Option<string?>("--secret") { Description = "Verify X-Spark-Signature with this webhook secret" },
        new Option<bool>("--reject-bad-signatures") { Description = "Answer 401 instead of forwarding when the signature does not match" },
        new Option<string?>("--record") { Description = "Append every delivery to this JSONL capture file" });
}
