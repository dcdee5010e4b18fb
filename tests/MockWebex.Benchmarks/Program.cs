// MockWebex benchmark: every figure beside a baseline measured in the same process and run,
// all traffic on loopback, bounded in count. Run with scripts/bench.sh (Release).
using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using System.Diagnostics;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using MockWebex.Forwarder;
using MockWebex.Testing;

// `bench.sh api|deliveries|latency|hops|coldstart` runs one section (to profile it); no argument runs all.
var only = args.FirstOrDefault();
bool Section(string name) => only is null || only == name;
var rows = new List<string[]>();
void Row(string what, string value, string baseline, double ratio, string target) =>
    rows.Add([what, value, baseline, ratio.ToString("0.00") + "×", target]);

var rssStart = Environment.WorkingSet;
await using var bare = await BareServer.StartAsync();
await using var receiver = await BareServer.StartAsync();
await using var webex = await MockWebexServer.StartAsync(new MockWebexServerOptions { Settings = { ["Delivery:LogRetention"] = "100000" } });
using var client = webex.CreateClient("bench-token");
var rssIdle = Environment.WorkingSet;

// 1. API throughput and latency vs bare Kestrel.
if (Section("api"))
{
var hook = (await (await client.PostAsJsonAsync("/v1/webhooks", new { name = "b", targetUrl = receiver.Url + "/in", resource = "rooms", @event = "created" })).Content.ReadFromJsonAsync<JsonObject>())!;
var baseGet = await Load.RunAsync(20_000, 16, http => http.GetAsync(bare.Url + "/ping"));
var apiGet = await Load.RunAsync(20_000, 16, http => http.SendAsync(Auth(HttpMethod.Get, $"{webex.BaseUrl}/v1/webhooks/{hook["id"]}")));
Row("GET /v1/webhooks/{id} req/s", $"{apiGet.Rps:0}", $"{baseGet.Rps:0} bare", apiGet.Rps / baseGet.Rps, "≥ 0.5×");
Row("GET /v1/webhooks/{id} p50/p99 ms", $"{apiGet.P50:0.00}/{apiGet.P99:0.00}", $"{baseGet.P50:0.00}/{baseGet.P99:0.00}", apiGet.P50 / baseGet.P50, "");
var createBody = """{"name":"b","targetUrl":"http://127.0.0.1:9/x","resource":"telephony_mwi","event":"updated"}""";
var basePost = await Load.RunAsync(5_000, 16, http => http.PostAsync(bare.Url + "/ping", Json(createBody)));
var apiPost = await Load.RunAsync(5_000, 16, http => { var r = Auth(HttpMethod.Post, webex.BaseUrl + "/v1/webhooks"); r.Content = Json(createBody); return http.SendAsync(r); });
Row("POST /v1/webhooks req/s", $"{apiPost.Rps:0}", $"{basePost.Rps:0} bare", apiPost.Rps / basePost.Rps, "≥ 0.5×");
Row("POST /v1/webhooks p50/p99 ms", $"{apiPost.P50:0.00}/{apiPost.P99:0.00}", $"{basePost.P50:0.00}/{basePost.P99:0.00}", apiPost.P50 / basePost.P50, "");
await webex.ResetAsync();
}

// 2. Signed deliveries per second vs a bare HttpClient POST loop to the same receiver.
var payload = new string('x', 600);
if (Section("deliveries"))
{
receiver.Reset();
var plain = await Load.RunAsync(10_000, 32, http => http.PostAsync(receiver.Url + "/in", Json(payload)));
Row("bare HttpClient POST loop /s", $"{plain.Rps:0}", "(baseline)", 1, "");

for (var i = 0; i < 1000; i++)
    await client.PostAsJsonAsync("/v1/webhooks", new { name = $"h{i}", targetUrl = receiver.Url + "/in", resource = "messages", @event = "created", secret = "s" });
receiver.Reset();
var fanOut = Stopwatch.StartNew();
await webex.TriggerAsync("messages", "created");
await receiver.WaitForAsync(1000);
var fanOutRate = 1000 / fanOut.Elapsed.TotalSeconds;
Row("1 event → 1,000 webhooks, deliveries/s", $"{fanOutRate:0}", $"{plain.Rps:0} bare", fanOutRate / plain.Rps, "≥ 10,000/s");
await webex.ResetAsync();

await client.PostAsJsonAsync("/v1/webhooks", new { name = "one", targetUrl = receiver.Url + "/in", resource = "rooms", @event = "created", secret = "s" });
receiver.Reset();
var serial = Stopwatch.StartNew();
for (var i = 0; i < 10; i++) await webex.TriggerAsync("rooms", "created", count: 1000);
await receiver.WaitForAsync(10_000, TimeSpan.FromMinutes(3));
var serialRate = 10_000 / serial.Elapsed.TotalSeconds;
Row("10,000 events → 1 webhook, deliveries/s", $"{serialRate:0}", $"{plain.Rps:0} bare", serialRate / plain.Rps, "≥ 10,000/s (one lane is sequential)");
await webex.ResetAsync();
}

// 3. Trigger-to-delivery latency (single event, one webhook) vs a bare POST round trip.
if (Section("latency"))
{
await client.PostAsJsonAsync("/v1/webhooks", new { name = "one", targetUrl = receiver.Url + "/in", resource = "rooms", @event = "created", secret = "s" });
var latencies = new List<double>();
var direct = new List<double>();
using (var http = new HttpClient())
{
    for (var i = 0; i < 300; i++)
    {
        receiver.Reset();
        var sw = Stopwatch.StartNew();
        await webex.TriggerAsync("rooms", "created");
        await receiver.WaitForAsync(1);
        latencies.Add(sw.Elapsed.TotalMilliseconds);
        sw.Restart();
        await http.PostAsync(receiver.Url + "/in", Json(payload));
        direct.Add(sw.Elapsed.TotalMilliseconds);
    }
}
Row("trigger → delivery p50/p99 ms", $"{Load.Pct(latencies, 50):0.00}/{Load.Pct(latencies, 99):0.00}", $"{Load.Pct(direct, 50):0.00}/{Load.Pct(direct, 99):0.00} bare POST", Load.Pct(latencies, 50) / Load.Pct(direct, 50), "");
}

// 4. Forwarder and tunnel hop overhead vs a direct POST.
if (Section("hops"))
{
await using var forwarder = InspectingForwarder.Build(new InspectOptions(receiver.Url, Quiet: true), "http://127.0.0.1:0", TextWriter.Null);
await forwarder.StartAsync();
await using var relay = RelayServer.Build("t", "http://127.0.0.1:0");
await relay.StartAsync();
await using var tunnel = new TunnelClient(relay.Urls.First(), "bench", "t", new InspectOptions(receiver.Url, Quiet: true), TextWriter.Null);
await tunnel.StartAsync(connections: 8);
await Task.Delay(500);
var hopDirect = await Load.RunAsync(3_000, 1, http => http.PostAsync(receiver.Url + "/in", Json(payload)));
var hopForward = await Load.RunAsync(3_000, 1, http => http.PostAsync(forwarder.Urls.First() + "/in", Json(payload)));
var hopTunnel = await Load.RunAsync(3_000, 1, http => http.PostAsync(relay.Urls.First() + "/hooks/bench/in", Json(payload)));
Row("forward hop p50 added ms", $"{hopForward.P50 - hopDirect.P50:0.000}", $"{hopDirect.P50:0.000} direct", hopForward.P50 / hopDirect.P50, "≤ 1 ms added");
Row("tunnel (relay+listen) p50 added ms", $"{hopTunnel.P50 - hopDirect.P50:0.000}", $"{hopDirect.P50:0.000} direct", hopTunnel.P50 / hopDirect.P50, "≤ 1 ms added");
var tunnelLoad = await Load.RunAsync(5_000, 8, http => http.PostAsync(relay.Urls.First() + "/hooks/bench/in", Json(payload)));
var directLoad = await Load.RunAsync(5_000, 8, http => http.PostAsync(receiver.Url + "/in", Json(payload)));
Row("tunnel throughput req/s", $"{tunnelLoad.Rps:0}", $"{directLoad.Rps:0} direct", tunnelLoad.Rps / directLoad.Rps, "");
}

var rssEnd = Environment.WorkingSet;
Row("RSS MiB (whole bench process)", $"{rssIdle / 1048576.0:0} idle / {rssEnd / 1048576.0:0} end", $"{rssStart / 1048576.0:0} at start", rssEnd / (double)rssIdle, "");

var widths = Enumerable.Range(0, 5).Select(c => rows.Append(["measure", "value", "baseline (same run)", "ratio", "target"]).Max(r => r[c].Length)).ToArray();
void Print(string[] r) => Console.WriteLine("| " + string.Join(" | ", r.Select((v, i) => v.PadRight(widths[i]))) + " |");
Print(["measure", "value", "baseline (same run)", "ratio", "target"]);
Console.WriteLine("|" + string.Join("|", widths.Select(w => new string('-', w + 2))) + "|");
rows.ForEach(Print);

HttpRequestMessage Auth(HttpMethod method, string url)
{
    var request = new HttpRequestMessage(method, url);
    request.Headers.Authorization = new("Bearer", "bench-token");
    return request;
}

static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

/// <summary>Fixed-count load with N concurrent workers; latencies per request.</summary>
static class Load
{
    public sealed record Result(double Rps, double P50, double P99);

    public static async Task<Result> RunAsync(int count, int concurrency, Func<HttpClient, Task<HttpResponseMessage>> send)
    {
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = concurrency, UseProxy = false });
        for (var i = 0; i < 200; i++) (await send(http)).Dispose(); // warm-up
        var latencies = new ConcurrentBag<double>();
        var next = 0;
        var total = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ =>
        {
            while (Interlocked.Increment(ref next) <= count)
            {
                var sw = Stopwatch.StartNew();
                using var response = await send(http);
                if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"{(int)response.StatusCode} during benchmark");
                latencies.Add(sw.Elapsed.TotalMilliseconds);
            }
        }));
        var list = latencies.ToList();
        return new Result(count / total.Elapsed.TotalSeconds, Pct(list, 50), Pct(list, 99));
    }

    public static double Pct(List<double> values, int p)
    {
        var sorted = values.Order().ToList();
        return sorted[Math.Min(sorted.Count - 1, (int)(sorted.Count * p / 100.0))];
    }
}

/// <summary>The baseline: a bare Kestrel app that answers /ping and counts POSTs to /in.</summary>
sealed class BareServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private int _received;
    private BareServer(WebApplication app) => _app = app;
    public string Url => _app.Urls.First();

    public static async Task<BareServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var server = new BareServer(app);
        app.MapGet("/ping", () => TypedResults.Ok(new { status = "ok" }));
        app.MapPost("/ping", () => TypedResults.Ok(new { status = "ok" }));
        app.MapPost("/in", async (HttpRequest request) =>
        {
            await request.Body.CopyToAsync(Stream.Null);
            Interlocked.Increment(ref server._received);
            return TypedResults.Ok();
        });
        await app.StartAsync();
        return server;
    }

    public void Reset() => Interlocked.Exchange(ref _received, 0);

    public async Task WaitForAsync(int count, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(60));
        while (Volatile.Read(ref _received) < count)
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"received {_received} of {count}");
            await Task.Delay(1);
        }
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();
}
