// MockWebex benchmark: every figure beside a baseline measured in the same process and run,
// all traffic on loopback, bounded in count. Run with scripts/bench.sh (Release).
// `bench.sh api|fanout|lane|latency|hops|coldstart|soak|scaling|memory` runs one section (to profile it); no argument runs all.
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using MockWebex.Tunnel;
using MockWebex.Testing;

if (args is ["bare-server", var barePort]) return await BareServer.RunMinimalAppAsync(int.Parse(barePort));

var only = args.FirstOrDefault();
bool Section(string name) => only is null || only == name;
var rows = new List<string[]>();
void Row(string what, string value, string baseline, double ratio, string target) =>
    rows.Add([what, value, baseline, ratio.ToString("0.00") + "×", target]);

var rssStart = Environment.WorkingSet;
var dataPath = Path.Combine(Path.GetTempPath(), $"mockwebex-bench-{Guid.NewGuid():N}.db");
await using var bare = await BareServer.StartAsync();
await using var receiver = await BareServer.StartAsync();
// A LiteDB file, as `serve` uses by default (not :memory:).
await using var webex = await MockWebexServer.StartAsync(new MockWebexServerOptions { DataPath = dataPath, Settings = { ["Delivery:LogRetention"] = "100000" } });
using var client = webex.CreateClient("bench-token");
var rssIdle = Environment.WorkingSet;
var payload = new string('x', 600);

// The soak first: it measures this process's RSS, which the sections before it left up to 430 MiB and which shrank as
// the GC gave that back during the soak (its growth came out negative in every full run before 2026-12-01).
if (Section("soak")) await SoakAsync();
if (Section("api")) await ApiAsync();
Load.Result parallel = null!, sequential = null!;
if (Section("fanout") || Section("lane")) (parallel, sequential) = await BareLoopsAsync();
if (Section("fanout")) await FanOutAsync();
if (Section("lane")) await OneLaneAsync();
if (Section("latency")) await LatencyAsync();
if (Section("hops")) await HopsAsync();
if (Section("coldstart")) await ColdStartAsync();
if (Section("scaling")) await ScalingAsync();
if (Section("memory")) await MemoryAsync();

var rssEnd = Environment.WorkingSet;
Row("RSS MiB (whole bench process)", $"{rssIdle / 1048576.0:0} idle / {rssEnd / 1048576.0:0} end", $"{rssStart / 1048576.0:0} at start", rssEnd / (double)rssIdle, "");
PrintTable();
await webex.DisposeAsync();
foreach (var file in DataFiles(dataPath)) File.Delete(file);
return 0;

// A LiteDB file made in the temp folder and its log beside it (data.db, data-log.db).
static string[] DataFiles(string dataPath) => Directory.GetFiles(Path.GetTempPath(), Path.GetFileNameWithoutExtension(dataPath) + "*");

// 1. API throughput and latency vs bare Kestrel.
async Task ApiAsync()
{
    var hook = (await (await client.PostAsJsonAsync("/v1/webhooks", new { name = "b", targetUrl = receiver.Url + "/in", resource = "rooms", @event = "created" })).Content.ReadFromJsonAsync<JsonObject>())!;
    var baseGet = await Load.RunAsync(20_000, 16, http => http.GetAsync(bare.Url + "/ping"));
    var apiGet = await Load.RunAsync(20_000, 16, http => http.SendAsync(Auth(HttpMethod.Get, $"{webex.BaseUrl}/v1/webhooks/{hook["id"]}")));
    Row("GET /v1/webhooks/{id} req/s", $"{apiGet.Rps:0}", $"{baseGet.Rps:0} bare", apiGet.Rps / baseGet.Rps, "≥ 0.5×");
    Row("GET /v1/webhooks/{id} p50/p99 ms", $"{apiGet.P50:0.00}/{apiGet.P99:0.00}", $"{baseGet.P50:0.00}/{baseGet.P99:0.00}", apiGet.P50 / baseGet.P50, "");
    var createBody = """{"name":"b","targetUrl":"http://127.0.0.1:9/x","resource":"telephony_mwi","event":"updated"}""";
    var basePost = await Load.RunAsync(20_000, 16, http => http.PostAsync(bare.Url + "/ping", Json(createBody)));
    var apiPost = await Load.RunAsync(20_000, 16, http => { var r = Auth(HttpMethod.Post, webex.BaseUrl + "/v1/webhooks"); r.Content = Json(createBody); return http.SendAsync(r); });
    Row("POST /v1/webhooks req/s", $"{apiPost.Rps:0}", $"{basePost.Rps:0} bare", apiPost.Rps / basePost.Rps, "≥ 0.5×");
    Row("POST /v1/webhooks p50/p99 ms", $"{apiPost.P50:0.00}/{apiPost.P99:0.00}", $"{basePost.P50:0.00}/{basePost.P99:0.00}", apiPost.P50 / basePost.P50, "");
    await webex.ResetAsync();
}

// 2. Signed deliveries per second vs bare HttpClient POST loops to the same receiver.
async Task<(Load.Result Parallel, Load.Result Sequential)> BareLoopsAsync()
{
    receiver.Reset();
    var bareParallel = await Load.RunAsync(10_000, 32, http => http.PostAsync(receiver.Url + "/in", Json(payload)));
    var bareSequential = await Load.RunAsync(3_000, 1, http => http.PostAsync(receiver.Url + "/in", Json(payload)));
    Row("bare HttpClient POST loop /s", $"{bareParallel.Rps:0} (32 at once)", $"{bareSequential.Rps:0} one at a time", 1, "");
    return (bareParallel, bareSequential);
}

// Triggers as the bare loops warm up (until the JIT is done with them), each trigger's deliveries received before the
// next: opens the delivery connections and lets the JIT settle before the emulator is measured. An emulator in its own
// process says how far its JIT has got with jitProgress.
Task WarmUpAsync(Func<Task> trigger, int deliveries, Func<long>? jitProgress = null) => Load.UntilSteadyAsync(async () =>
{
    receiver.Reset();
    await trigger();
    await receiver.WaitForAsync(deliveries);
}, jitProgress);

async Task FanOutAsync()
{
    for (var i = 0; i < 1000; i++)
        await client.PostAsJsonAsync("/v1/webhooks", new { name = $"h{i}", targetUrl = receiver.Url + "/in", resource = "messages", @event = "created", secret = "s" });
    await WarmUpAsync(() => webex.TriggerAsync("messages", "created"), deliveries: 1000);
    receiver.Reset();
    var fanOut = Stopwatch.StartNew();
    for (var i = 0; i < 10; i++) await webex.TriggerAsync("messages", "created");
    await receiver.WaitForAsync(10_000);
    var fanOutRate = 10_000 / fanOut.Elapsed.TotalSeconds;
    Row("1 event → 1,000 webhooks, deliveries/s", $"{fanOutRate:0}", $"{parallel.Rps:0} bare, 32 at once", fanOutRate / parallel.Rps, "≥ 10,000/s");
    await webex.ResetAsync();
}

async Task OneLaneAsync()
{
    foreach (var resources in new[] { true, false })
    {
        await using var one = resources ? null : await MockWebexServer.StartAsync(new MockWebexServerOptions { Settings = { ["Events:CreateResources"] = "false" } });
        var server = one ?? webex;
        using var owner = server.CreateClient("bench-token");
        await owner.PostAsJsonAsync("/v1/webhooks", new { name = "one", targetUrl = receiver.Url + "/in", resource = "rooms", @event = "created", secret = "s" });
        await WarmUpAsync(() => server.TriggerAsync("rooms", "created", count: 500), deliveries: 500);
        receiver.Reset();
        var serial = Stopwatch.StartNew();
        for (var i = 0; i < 10; i++) await server.TriggerAsync("rooms", "created", count: 1000);
        await receiver.WaitForAsync(10_000, TimeSpan.FromMinutes(3));
        var serialRate = 10_000 / serial.Elapsed.TotalSeconds;
        Row($"10,000 events → 1 webhook, deliveries/s{(resources ? "" : " (CreateResources=false)")}", $"{serialRate:0}",
            $"{sequential.Rps:0} bare, one at a time", serialRate / sequential.Rps, "≥ 10,000/s (one lane keeps order: sequential)");
        await server.ResetAsync();
    }
}

// 3. Trigger-to-delivery latency (single event, one webhook) vs a bare POST round trip, with and without resources, in
// this process and through `mockwebex serve` in its own (what a developer runs: the tool's runtime settings and JIT).
async Task LatencyAsync()
{
    foreach (var resources in new[] { true, false })
    {
        await using var one = resources ? null : await MockWebexServer.StartAsync(new MockWebexServerOptions { Settings = { ["Events:CreateResources"] = "false" } });
        var server = one ?? webex;
        using var owner = server.CreateClient("bench-token");
        await owner.PostAsJsonAsync("/v1/webhooks", new { name = "one", targetUrl = receiver.Url + "/in", resource = "rooms", @event = "created", secret = "s" });
        await MeasureLatencyAsync(resources ? "" : " (CreateResources=false)", () => server.TriggerAsync("rooms", "created"));
        await server.ResetAsync();
    }
    var dataFile = Path.Combine(Path.GetTempPath(), $"mockwebex-latency-{Guid.NewGuid():N}.db");
    await using (var serve = await ColdStart.StartAsync(Path.Combine(AppContext.BaseDirectory, "mockwebex.dll"), port => $"serve --port {port} --data \"{dataFile}\""))
    {
        using var http = new HttpClient { BaseAddress = new Uri(serve.Url) };
        http.DefaultRequestHeaders.Authorization = new("Bearer", "bench-token");
        (await http.PostAsJsonAsync("/v1/webhooks", new { name = "one", targetUrl = receiver.Url + "/in", resource = "rooms", @event = "created", secret = "s" })).EnsureSuccessStatusCode();
        await MeasureLatencyAsync(", `serve` process", async () => (await http.PostAsJsonAsync("/_emulator/events", new { resource = "rooms", @event = "created" })).EnsureSuccessStatusCode(),
            () => serve.TieringCpuTicks);
    }
    foreach (var file in DataFiles(dataFile)) File.Delete(file);
}

async Task MeasureLatencyAsync(string label, Func<Task> trigger, Func<long>? jitProgress = null)
{
    var latencies = new List<double>();
    var direct = new List<double>();
    using var http = new HttpClient();
    // Warm like every other load: one trigger and one bare POST at a time for Load.WarmUp, then measure.
    await WarmUpAsync(async () =>
    {
        await trigger();
        await http.PostAsync(receiver.Url + "/in", Json(payload));
    }, deliveries: 2, jitProgress);
    for (var i = 0; i < 300; i++)
    {
        receiver.Reset();
        var sw = Stopwatch.StartNew();
        await trigger();
        await receiver.WaitForAsync(1);
        latencies.Add(sw.Elapsed.TotalMilliseconds);
        sw.Restart();
        await http.PostAsync(receiver.Url + "/in", Json(payload));
        direct.Add(sw.Elapsed.TotalMilliseconds);
    }
    var (p50, p99, bareP50, bareP99) = (Load.Pct(latencies, 50), Load.Pct(latencies, 99), Load.Pct(direct, 50), Load.Pct(direct, 99));
    Row($"trigger → delivery p50/p99 ms{label}", $"{p50:0.00}/{p99:0.00} ({p50 - bareP50:0.00} added)",
        $"{bareP50:0.00}/{bareP99:0.00} bare POST", p50 / bareP50, "≤ 0.3 ms added at p50, p99 ≤ 3 ms");
}

// 4. Forwarder and tunnel hop overhead vs a direct POST, with the relay on plain HTTP and on TLS.
async Task HopsAsync()
{
    await using var forwarder = DeliveryInspector.Create(new InspectOptions(receiver.Url, Quiet: true), "127.0.0.1", 0, behindTunnel: false, TextWriter.Null);
    await forwarder.StartAsync();
    var hopDirect = await Load.RunAsync(3_000, 1, http => http.PostAsync(receiver.Url + "/in", Json(payload)));
    var hopForward = await Load.RunAsync(3_000, 1, http => http.PostAsync(forwarder.IngressUrl + "/in", Json(payload)));
    Row("forward hop p50 added ms", $"{hopForward.P50 - hopDirect.P50:0.000}", $"{hopDirect.P50:0.000} direct", hopForward.P50 / hopDirect.P50, "≤ 1 ms added");
    var directLoad = await Load.RunAsync(10_000, 50, http => http.PostAsync(receiver.Url + "/in", Json(payload)));
    var big = new string('x', 1024 * 1024);
    var directBig = await Load.RunAsync(200, 1, http => http.PostAsync(receiver.Url + "/in", Json(big)));
    var forwardBig = await Load.RunAsync(200, 1, http => http.PostAsync(forwarder.IngressUrl + "/in", Json(big)));
    Row("forward 1 MiB body p50 ms", $"{forwardBig.P50:0.00}", $"{directBig.P50:0.00} direct", forwardBig.P50 / directBig.P50, "");
    var folder = Directory.CreateTempSubdirectory("bench-tls-");
    var (cert, key) = SelfSigned.WritePem(folder.FullName);
    foreach (var tls in new[] { false, true })
    {
        var options = new RelayOptions { Host = "127.0.0.1", Port = 0, Token = "t", CertificatePath = tls ? cert : null, KeyPath = tls ? key : null };
        await using var relay = RelayServer.Build(options, TextWriter.Null);
        await relay.StartAsync();
        await using var tunnel = new TunnelClient(new TunnelClientOptions(relay.Urls.First(), "bench", "t") { CaFile = tls ? cert : null },
            new InspectOptions(receiver.Url, Quiet: true), TextWriter.Null);
        await tunnel.StartAsync();
        if (await tunnel.Ready is { } failed) throw new InvalidOperationException(failed);
        var url = relay.Urls.First() + "/hooks/bench/in";
        var label = tls ? "TLS" : "plain";
        var hop = await Load.RunAsync(3_000, 1, http => http.PostAsync(url, Json(payload)));
        Row($"tunnel ({label}) p50 added ms", $"{hop.P50 - hopDirect.P50:0.000}", $"{hopDirect.P50:0.000} direct", hop.P50 / hopDirect.P50, "≤ 1 ms added");
        var load = await Load.RunAsync(10_000, 50, http => http.PostAsync(url, Json(payload)));
        Row($"tunnel ({label}) req/s, 50 concurrent", $"{load.Rps:0}", $"{directLoad.Rps:0} direct", load.Rps / directLoad.Rps, "≥ 0.5×");
        var bigHop = await Load.RunAsync(200, 1, http => http.PostAsync(url, Json(big)));
        Row($"tunnel ({label}) 1 MiB body p50 ms", $"{bigHop.P50:0.00}", $"{directBig.P50:0.00} direct", bigHop.P50 / directBig.P50, "≤ 2×");
    }
    folder.Delete(recursive: true);
}

// 6. Soak: 100k triggered events to a fast receiver, then 100k more. With retention the second half must
// add at most 15 % of what the first added, in memory and on disk.
async Task SoakAsync()
{
    var soakPath = Path.Combine(Path.GetTempPath(), $"mockwebex-soak-{Guid.NewGuid():N}.db");
    await using var soak = await MockWebexServer.StartAsync(new MockWebexServerOptions { DataPath = soakPath });
    using var owner = soak.CreateClient("soak-token");
    await owner.PostAsJsonAsync("/v1/webhooks", new { name = "soak", targetUrl = receiver.Url + "/in", resource = "messages", @event = "created", secret = "s" });
    var retention = soak.Services.GetRequiredService<MockWebex.Storage.RetentionService>();
    long FileBytes() => DataFiles(soakPath).Sum(f => new FileInfo(f).Length);
    long Rss()
    {
        retention.PruneOnce();
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        return Environment.WorkingSet;
    }
    // Paced like a long CI run (1,000 at a time, each batch delivered before the next): this measures what
    // stays behind, not the outbox peak of 100k events fired at once.
    async Task HalfAsync()
    {
        receiver.Reset();
        for (var i = 1; i <= 100; i++)
        {
            await soak.TriggerAsync("messages", "created", count: 1000);
            await receiver.WaitForAsync(i * 1000, TimeSpan.FromMinutes(2));
        }
    }
    var (rss0, file0) = (Rss(), FileBytes());
    var first = Stopwatch.StartNew();
    await HalfAsync();
    first.Stop();
    var (rss1, file1) = (Rss(), FileBytes());
    await HalfAsync();
    var (rss2, file2) = (Rss(), FileBytes());
    const double MiB = 1024 * 1024;
    Row("soak RSS growth MiB, 2nd 100k events vs 1st", $"{(rss2 - rss1) / MiB:0.0} (RSS {rss2 / MiB:0})", $"{(rss1 - rss0) / MiB:0.0} (RSS {rss0 / MiB:0} → {rss1 / MiB:0})",
        (rss2 - rss1) / (double)Math.Max(1, rss1 - rss0), "≤ 0.15×");
    Row("soak data file growth MiB, 2nd 100k vs 1st", $"{(file2 - file1) / MiB:0.0} (file {file2 / MiB:0})", $"{(file1 - file0) / MiB:0.0} (file {file0 / MiB:0} → {file1 / MiB:0})",
        (file2 - file1) / (double)Math.Max(1, file1 - file0), "≤ 0.15×");
    Row("soak events/s (first 100k, delivered)", $"{100_000 / first.Elapsed.TotalSeconds:0}", "", 0, "");
    await soak.DisposeAsync();
    foreach (var file in DataFiles(soakPath)) File.Delete(file);
}

// 5. Cold start: process start to the first 200 from /healthz, `mockwebex serve` vs a bare minimal app, both via `dotnet x.dll`.
async Task ColdStartAsync()
{
    var folder = AppContext.BaseDirectory;
    var emulator = new List<double>();
    var minimal = new List<double>();
    for (var run = 0; run < 7; run++)
    {
        emulator.Add(await ColdStart.MeasureAsync(Path.Combine(folder, "mockwebex.dll"), port => $"serve --port {port} --data :memory:"));
        minimal.Add(await ColdStart.MeasureAsync(Path.Combine(folder, "MockWebex.Benchmarks.dll"), port => $"bare-server {port}"));
    }
    var (ours, theirs) = (Load.Pct(emulator, 50), Load.Pct(minimal, 50));
    Row("cold start serve → first /healthz ms (median of 7)", $"{ours:0}", $"{theirs:0} bare minimal app", ours / theirs, "≤ 1.3×");
}

// 7. Costs as data grows: 1k, 10k and 100k webhooks, rooms (the caller in each) and messages (all in one 1:1 room, the
// worst case for a room's pages) in a LiteDB file; the p50 of reads that answer one item or one page must stay
// within 2× of the 1k figure. Filled through the storage layer (an API call each would take minutes), read over HTTP.
// The three files are served side by side and read in turns, so a slow spell of this shared machine falls on every size
// alike: measured one size after the other, a whole size's rows came out 1.5–2× slower in some runs, JIT and GC quiet.
async Task ScalingAsync()
{
    int[] sizes = [1_000, 10_000, 100_000];
    // Reads of one value each, and reads that rotate through 200 rooms or messages spread over the file, as a user's
    // requests do: a cost paid once per new value (a query compiled per room once was) shows in those.
    (string Name, Func<ScaleData.Ids, int, string> UrlFor)[] reads =
    [
        ("GET /v1/webhooks/{id}", (ids, _) => $"/v1/webhooks/{ids.WebhookId}"),
        ("GET /v1/webhooks (first page of 100)", (_, _) => "/v1/webhooks?max=100"),
        ("GET /v1/rooms/{id}", (ids, _) => $"/v1/rooms/{ids.RoomId}"),
        ("GET /v1/rooms/{id}, 200 different rooms", (ids, i) => $"/v1/rooms/{ids.RoomIds[i % ids.RoomIds.Count]}"),
        ("GET /v1/rooms (first page of 100)", (_, _) => "/v1/rooms?max=100"),
        ("GET /v1/rooms?sortBy=lastactivity (first page of 100)", (_, _) => "/v1/rooms?sortBy=lastactivity&max=100"),
        ("GET /v1/rooms?sortBy=created (first page of 100)", (_, _) => "/v1/rooms?sortBy=created&max=100"),
        ("GET /v1/memberships (first page of 100)", (_, _) => "/v1/memberships?max=100"),
        ("GET /v1/memberships?roomId, 200 different rooms", (ids, i) => $"/v1/memberships?roomId={ids.RoomIds[i % ids.RoomIds.Count]}"),
        ("GET /v1/messages/{id}", (ids, _) => $"/v1/messages/{ids.MessageId}"),
        ("GET /v1/messages?roomId (newest 50)", (ids, _) => $"/v1/messages?roomId={ids.DirectRoomId}&max=50"),
        ("GET /v1/messages?roomId&beforeMessage, 200 different", (ids, i) => $"/v1/messages?roomId={ids.DirectRoomId}&max=50&beforeMessage={ids.MessageIds[i % ids.MessageIds.Count]}"),
        ("GET /v1/messages/direct?personId", (ids, _) => $"/v1/messages/direct?personId={ids.OtherPersonId}"),
        ("GET /v1/people?displayName (100 of the n people match)", (_, _) => "/v1/people?displayName=Person%200001"),
    ];
    var stores = new List<(MockWebexServer Server, HttpClient Http, ScaleData.Ids Ids, string Path)>();
    try
    {
        foreach (var n in sizes)
        {
            var path = Path.Combine(Path.GetTempPath(), $"mockwebex-scale-{Guid.NewGuid():N}.db");
            // Retention runs only where this section times it (below), not on its 10 s timer in the middle of the reads.
            var server = await MockWebexServer.StartAsync(new MockWebexServerOptions { DataPath = path, Settings = { ["Storage:PruneInterval"] = "01:00:00" } });
            var fill = Stopwatch.StartNew();
            var ids = ScaleData.Fill(server.Services, n);
            Console.Error.WriteLine($"scaling: filled {n:N0} webhooks, rooms, messages and people in {fill.Elapsed.TotalSeconds:0.0} s");
            stores.Add((server, server.CreateClient(ScaleData.Token), ids, path));
        }

        static async Task<double> GetAsync(HttpClient http, string url)
        {
            var sw = Stopwatch.StartNew();
            using var response = await http.GetAsync(url);
            await response.Content.CopyToAsync(Stream.Null);
            if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"{url} answered {(int)response.StatusCode}");
            return sw.Elapsed.TotalMilliseconds;
        }
        // Every read warmed at every size, then the JIT left to finish: it compiles the faster code for what the warm-up
        // ran on a thread of its own once new compiling pauses, and rows read meanwhile ran on the slower code beside that
        // thread (profiled: "GET /v1/rooms/{id}" at 0.6–0.8 ms instead of 0.2 in the first rows after a fill).
        foreach (var (_, http, ids, _) in stores)
        {
            foreach (var (_, urlFor) in reads)
            {
                // A list that answers nothing would be measured as fast: every page read here must hold items.
                if (urlFor(ids, 0) is var url && url.Contains('?') && (await http.GetFromJsonAsync<JsonObject>(url))!["items"]!.AsArray().Count == 0)
                    throw new InvalidOperationException($"{url} answered an empty page");
                for (var i = 0; i < 20; i++) await GetAsync(http, urlFor(ids, i));
            }
        }
        await Load.JitQuietAsync();

        const int Turns = 5, PerTurn = 40;
        var latencies = new List<double>[sizes.Length, reads.Length];
        for (var turn = 0; turn < Turns; turn++)
        {
            for (var s = 0; s < sizes.Length; s++)
            {
                var (_, http, ids, _) = stores[s];
                for (var r = 0; r < reads.Length; r++)
                {
                    latencies[s, r] ??= [];
                    for (var i = turn * PerTurn; i < (turn + 1) * PerTurn; i++) latencies[s, r].Add(await GetAsync(http, reads[r].UrlFor(ids, i)));
                }
            }
        }
        for (var r = 0; r < reads.Length; r++)
        {
            var p50 = Enumerable.Range(0, sizes.Length).Select(s => Load.Pct(latencies[s, r], 50)).ToArray();
            Row($"{reads[r].Name} p50 ms at 1k / 10k / 100k", $"{p50[0]:0.00} / {p50[1]:0.00} / {p50[2]:0.00}", $"{p50[0]:0.00} at 1k", p50[2] / p50[0], "≤ 2× at 100k");
        }

        // A retention round (every Storage:PruneInterval, 10 s) reads what API calls made once, in the first round
        // after a start; each round read all of it again before (1.0–1.4 s a round at 100k).
        var firstRound = new (MockWebex.Storage.RetentionRound Read, double Ms)[sizes.Length];
        var (laterRoundsRead, laterRoundMs) = (new int[sizes.Length], new double[sizes.Length]);
        for (var s = 0; s < sizes.Length; s++)
        {
            var retention = stores[s].Server.Services.GetRequiredService<MockWebex.Storage.RetentionService>();
            var first = Stopwatch.StartNew();
            firstRound[s] = (retention.PruneOnce(), first.Elapsed.TotalMilliseconds);
            var rounds = new List<double>();
            for (var i = 0; i < 20; i++)
            {
                var sw = Stopwatch.StartNew();
                var round = retention.PruneOnce();
                laterRoundsRead[s] += round.ResourcesRead + round.DeliveriesRead;
                rounds.Add(sw.Elapsed.TotalMilliseconds);
            }
            laterRoundMs[s] = Load.Pct(rounds, 50);
        }
        // The first round reads the old deliveries once, and (at 100k, beyond the retention) what API calls made.
        var (firstRead, firstMs) = (firstRound[2].Read.ResourcesRead + firstRound[2].Read.DeliveriesRead, firstRound[2].Ms);
        Row("retention: 20 later rounds read, p50 ms at 1k / 10k / 100k", $"{laterRoundsRead[0]} / {laterRoundsRead[1]} / {laterRoundsRead[2]} documents, {laterRoundMs[0]:0.00} / {laterRoundMs[1]:0.00} / {laterRoundMs[2]:0.00} ms",
            $"first round at 100k: {firstRead:N0} documents, {firstMs:0} ms", laterRoundsRead[2] / (double)Math.Max(1, firstRead), "reads nothing twice");

        // Starting on a file that has grown, as `serve` or a test suite does (in process: the JIT's part is already paid).
        // Counting each kind's documents at start read every key: 1.57–1.86 s for `serve` at 100k before 2026-12-01.
        var restartMs = new double[sizes.Length];
        for (var s = 0; s < sizes.Length; s++)
        {
            var restarts = new List<double>();
            for (var i = 0; i < 3; i++)
            {
                var (server, http, ids, path) = stores[s];
                http.Dispose();
                await server.DisposeAsync();
                stores[s] = default;
                var sw = Stopwatch.StartNew();
                var reopened = await MockWebexServer.StartAsync(new MockWebexServerOptions { DataPath = path, Settings = { ["Storage:PruneInterval"] = "01:00:00" } });
                restarts.Add(sw.Elapsed.TotalMilliseconds);
                stores[s] = (reopened, reopened.CreateClient(ScaleData.Token), ids, path);
            }
            restartMs[s] = Load.Pct(restarts, 50);
        }
        Row("start on the file (in process, median of 3) ms at 1k / 10k / 100k", $"{restartMs[0]:0} / {restartMs[1]:0} / {restartMs[2]:0}", $"{restartMs[0]:0} at 1k", restartMs[2] / restartMs[0], "≤ 2× at 100k");
    }
    finally
    {
        foreach (var (server, http, _, path) in stores.Where(store => store.Server is not null))
        {
            http.Dispose();
            await server.DisposeAsync();
            foreach (var file in DataFiles(path)) File.Delete(file);
        }
    }
}

// 8. Memory of `mockwebex serve` as its own process (what a user's machine pays): idle, and after a working session
// (100 webhooks, 100 triggered events: 10,000 deliveries, then 2,000 API reads), beside a bare minimal app started the same way.
async Task MemoryAsync()
{
    var folder = AppContext.BaseDirectory;
    var dataFile = Path.Combine(Path.GetTempPath(), $"mockwebex-memory-{Guid.NewGuid():N}.db");
    await using (var minimal = await ColdStart.StartAsync(Path.Combine(folder, "MockWebex.Benchmarks.dll"), port => $"bare-server {port}"))
    await using (var serve = await ColdStart.StartAsync(Path.Combine(folder, "mockwebex.dll"), port => $"serve --port {port} --data \"{dataFile}\""))
    {
        await Task.Delay(2000); // settled: background start-up work done
        var (serveIdle, minimalIdle) = (serve.RssMiB, minimal.RssMiB);
        Row("`serve` RSS MiB, idle", $"{serveIdle:0}", $"{minimalIdle:0} bare minimal app", serveIdle / minimalIdle, "≤ 80 MiB");
        using var http = new HttpClient { BaseAddress = new Uri(serve.Url) };
        http.DefaultRequestHeaders.Authorization = new("Bearer", "memory-token");
        for (var i = 0; i < 100; i++)
            (await http.PostAsJsonAsync("/v1/webhooks", new { name = $"m{i}", targetUrl = receiver.Url + "/in", resource = "messages", @event = "created", secret = "s" })).EnsureSuccessStatusCode();
        receiver.Reset();
        for (var batch = 1; batch <= 100; batch++)
        {
            (await http.PostAsJsonAsync("/_emulator/events", new { resource = "messages", @event = "created", count = 1 })).EnsureSuccessStatusCode();
            await receiver.WaitForAsync(batch * 100, TimeSpan.FromMinutes(1));
        }
        var hook = (await http.GetFromJsonAsync<JsonObject>("/v1/webhooks?max=1"))!["items"]![0]!["id"]!.ToString();
        for (var i = 0; i < 2000; i++) (await http.GetAsync($"/v1/webhooks/{hook}")).EnsureSuccessStatusCode();
        await Task.Delay(2000);
        var serveAfter = serve.RssMiB;
        Row("`serve` RSS MiB after 10,000 deliveries and 2,000 reads", $"{serveAfter:0}", $"{serveIdle:0} idle", serveAfter / serveIdle, "≤ 200 MiB");
    }
    foreach (var file in DataFiles(dataFile)) File.Delete(file);
}

void PrintTable()
{
    string[] header = ["measure", "value", "baseline (same run)", "ratio", "target"];
    var widths = Enumerable.Range(0, 5).Select(c => rows.Append(header).Max(r => r[c].Length)).ToArray();
    void Print(string[] r) => Console.WriteLine("| " + string.Join(" | ", r.Select((v, i) => v.PadRight(widths[i]))) + " |");
    Print(header);
    Console.WriteLine("|" + string.Join("|", widths.Select(w => new string('-', w + 2))) + "|");
    rows.ForEach(Print);
}

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

    public static readonly TimeSpan WarmUp = TimeSpan.FromSeconds(3);
    private static readonly TimeSpan SteadyRound = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan WarmUpLimit = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Runs warm-up rounds for <see cref="WarmUp"/>, then on until half a second of them compiled no method (at most
    /// <see cref="WarmUpLimit"/>). Three seconds were not enough where a round is a trigger: the JIT went on tiering up
    /// LiteDB and the emulator through the measured window (1,500–1,800 methods, 0.7–0.9 s of one core in the lane's
    /// 3.6–4 s), so the row measured the JIT as much as the emulator. <paramref name="jitProgress"/> moves while the JIT
    /// works: this process's compiled methods unless given. <paramref name="atLeast"/> and <paramref name="atMost"/>
    /// replace <see cref="WarmUp"/> and <see cref="WarmUpLimit"/>.
    /// </summary>
    public static async Task UntilSteadyAsync(Func<Task> round, Func<long>? jitProgress = null, TimeSpan? atLeast = null, TimeSpan? atMost = null)
    {
        jitProgress ??= () => System.Runtime.JitInfo.GetCompiledMethodCount();
        var (minimum, limit) = (atLeast ?? WarmUp, atMost ?? WarmUpLimit);
        var total = Stopwatch.StartNew();
        var window = Stopwatch.StartNew();
        var compiled = jitProgress();
        while (true)
        {
            await round();
            if (window.Elapsed < SteadyRound) continue;
            var now = jitProgress();
            if (total.Elapsed >= minimum && (now == compiled || total.Elapsed >= limit)) return;
            (compiled, window) = (now, Stopwatch.StartNew());
        }
    }

    public static async Task<Result> RunAsync(int count, int concurrency, Func<HttpClient, Task<HttpResponseMessage>> send)
    {
        // Trusts the benchmark's own self-signed relay certificate, as Webex trusts a real one.
        using var http = new HttpClient(new SocketsHttpHandler
        {
            MaxConnectionsPerServer = concurrency,
            UseProxy = false,
            SslOptions = { RemoteCertificateValidationCallback = (_, _, _, _) => true },
        });
        // Warm-up at the same concurrency until the JIT's tiering has settled: a few hundred requests measured the
        // emulator's start-up (most of its methods still unoptimised, the JIT busy on one of the two cores) instead of its speed.
        await UntilSteadyAsync(() => Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ =>
        {
            for (var round = Stopwatch.StartNew(); round.Elapsed < SteadyRound;) (await send(http)).Dispose();
        })));
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

    /// <summary>
    /// Returns once the JIT has compiled nothing for half a second (bounded: 15 s), so what follows runs on the code it
    /// will keep rather than beside the thread still compiling it.
    /// </summary>
    public static Task JitQuietAsync() =>
        UntilSteadyAsync(() => Task.Delay(SteadyRound), atLeast: TimeSpan.Zero, atMost: TimeSpan.FromSeconds(15));

    public static double Pct(List<double> values, int p)
    {
        var sorted = values.Order().ToList();
        return sorted[Math.Min(sorted.Count - 1, (int)(sorted.Count * p / 100.0))];
    }
}

static class SelfSigned
{
    /// <summary>A certificate for 127.0.0.1 and its key as PEM files, as `relay --cert/--key` takes them.</summary>
    public static (string Cert, string Key) WritePem(string folder)
    {
        using var rsa = System.Security.Cryptography.RSA.Create(2048);
        var request = new System.Security.Cryptography.X509Certificates.CertificateRequest("CN=127.0.0.1", rsa,
            System.Security.Cryptography.HashAlgorithmName.SHA256, System.Security.Cryptography.RSASignaturePadding.Pkcs1);
        var names = new System.Security.Cryptography.X509Certificates.SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
        var (cert, key) = (Path.Combine(folder, "cert.pem"), Path.Combine(folder, "key.pem"));
        File.WriteAllText(cert, certificate.ExportCertificatePem());
        File.WriteAllText(key, rsa.ExportPkcs8PrivateKeyPem());
        return (cert, key);
    }
}

static class ColdStart
{
    /// <summary>Starts `dotnet dll args` on a free loopback port and returns ms until /healthz answers 200 (bounded: 30 s).</summary>
    public static async Task<double> MeasureAsync(string dll, Func<int, string> arguments)
    {
        await using var started = await StartAsync(dll, arguments);
        return started.ReadyMs;
    }

    /// <summary>Starts `dotnet dll args` on a free loopback port and returns once /healthz answers 200 (bounded: 30 s).</summary>
    public static async Task<ChildProcess> StartAsync(string dll, Func<int, string> arguments)
    {
        var port = FreePort();
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(1) };
        var sw = Stopwatch.StartNew();
        var folder = Directory.CreateTempSubdirectory("mockwebex-bench-cwd-").FullName;
        var process = Process.Start(new ProcessStartInfo("dotnet", $"\"{dll}\" {arguments(port)}")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            // An empty folder: the minimal app watches every folder under its working directory (the template reloads
            // appsettings.json), so started in /tmp (18,079 folders here) its start-up and memory grew with /tmp.
            WorkingDirectory = folder,
        })!;
        var child = new ChildProcess(process, $"http://127.0.0.1:{port}", folder);
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        while (sw.Elapsed < TimeSpan.FromSeconds(30))
        {
            try
            {
                using var response = await http.GetAsync(child.Url + "/healthz");
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    child.ReadyMs = sw.Elapsed.TotalMilliseconds;
                    return child;
                }
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }
            await Task.Delay(2);
        }
        await child.DisposeAsync();
        throw new TimeoutException($"{dll} did not answer /healthz within 30 s");
    }

    private static int FreePort()
    {
        using var socket = new TcpListener(IPAddress.Loopback, 0);
        socket.Start();
        return ((IPEndPoint)socket.LocalEndpoint).Port;
    }
}

/// <summary>A process the benchmark started (killed on dispose), and its resident memory as the kernel counts it.</summary>
/// <param name="workingFolder">Made for the process, deleted with it.</param>
sealed class ChildProcess(Process process, string url, string workingFolder) : IAsyncDisposable
{
    public string Url { get; } = url;
    public double ReadyMs { get; set; }

    /// <summary>VmRSS from /proc: what `top` shows for the process.</summary>
    public double RssMiB => File.ReadLines($"/proc/{process.Id}/status").Where(l => l.StartsWith("VmRSS:", StringComparison.Ordinal))
        .Select(l => double.Parse(l.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture) / 1024).Single();

    /// <summary>
    /// CPU time (clock ticks, from /proc) of the runtime's tiering thread, which compiles the optimised code: it stops
    /// moving once the process's hot code is done. 0 while no such thread runs (the runtime ends it when idle).
    /// </summary>
    public long TieringCpuTicks => Directory.EnumerateDirectories($"/proc/{process.Id}/task").Sum(task =>
    {
        try
        {
            if (File.ReadAllText(Path.Combine(task, "comm")).TrimEnd('\n') != ".NET Tiered Com") return 0L;
            // After the name in parentheses: state is field 3 of stat, utime 14 and stime 15.
            var stat = File.ReadAllText(Path.Combine(task, "stat"));
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return long.Parse(fields[11], System.Globalization.CultureInfo.InvariantCulture) + long.Parse(fields[12], System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (IOException)
        {
            return 0L; // the thread ended while being read
        }
    });

    public async ValueTask DisposeAsync()
    {
        process.Kill(entireProcessTree: true);
        await process.WaitForExitAsync();
        process.Dispose();
        Directory.Delete(workingFolder, recursive: true);
    }
}

/// <summary>The baseline: a bare Kestrel app that answers /ping and counts POSTs to /in.</summary>
sealed class BareServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    // Signalled per arrival, so waiting adds no polling delay to the latency rows.
    private readonly SemaphoreSlim _arrived = new(0);
    private int _received;
    private BareServer(WebApplication app) => _app = app;
    public string Url => _app.Urls.First();

    public static async Task<BareServer> StartAsync()
    {
        // Settings read once, as MockWebex's own servers do: reloading them watched every folder under the working
        // directory, and with the bench run from /tmp every page LiteDB wrote there woke the watcher's thread (profiled).
        var builder = MockWebex.Hosting.SlimBuilder.Create();
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
            server._arrived.Release();
            return TypedResults.Ok();
        });
        await app.StartAsync();
        return server;
    }

    /// <summary>The cold-start baseline: the minimal API template (CreateBuilder + one endpoint), run as its own process.</summary>
    public static async Task<int> RunMinimalAppAsync(int port)
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        var app = builder.Build();
        app.MapGet("/healthz", () => TypedResults.Ok(new { status = "ok" }));
        await app.RunAsync();
        return 0;
    }

    public void Reset()
    {
        Interlocked.Exchange(ref _received, 0);
        while (_arrived.Wait(0)) { }
    }

    public async Task WaitForAsync(int count, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(60));
        while (Volatile.Read(ref _received) < count)
        {
            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero || !await _arrived.WaitAsync(left)) throw new TimeoutException($"received {_received} of {count}");
        }
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();
}
