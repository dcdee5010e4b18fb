using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace MockWebex.Tests.Infrastructure;

/// <summary>What arrived at the receiver: method, raw target (path and query as sent), headers and the raw body bytes.</summary>
public sealed record ReceivedRequest(string Method, string Path, IReadOnlyDictionary<string, string> Headers, byte[] Body)
{
    public string BodyText => System.Text.Encoding.UTF8.GetString(Body);
    public string? Header(string name) => Headers.TryGetValue(name.ToLowerInvariant(), out var v) ? v : null;
}

/// <summary>A webhook target on a free loopback port that records every request and answers as told.</summary>
public sealed class TestReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<ReceivedRequest> _received = new();
    private readonly SemaphoreSlim _arrivals = new(0);

    /// <summary>Decides the answer for each request (default 200). May await forever to simulate a hanging receiver.</summary>
    public Func<ReceivedRequest, Task<int>> Respond { get; set; } = _ => Task.FromResult(200);

    private TestReceiver(WebApplication app) => _app = app;

    public string Url { get; private set; } = "";
    public IReadOnlyCollection<ReceivedRequest> Received => _received.ToArray();

    public static async Task<TestReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var receiver = new TestReceiver(app);
        app.Run(async http =>
        {
            using var buffer = new MemoryStream();
            await http.Request.Body.CopyToAsync(buffer);
            var headers = http.Request.Headers.ToDictionary(h => h.Key.ToLowerInvariant(), h => h.Value.ToString());
            // The raw target, byte for byte as it arrived (percent-encoding and all).
            var target = http.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpRequestFeature>()!.RawTarget;
            var request = new ReceivedRequest(http.Request.Method, target, headers, buffer.ToArray());
            receiver._received.Enqueue(request);
            receiver._arrivals.Release();
            http.Response.StatusCode = await receiver.Respond(request);
            await http.Response.WriteAsync("ok from receiver");
        });
        await app.StartAsync();
        receiver.Url = app.Urls.First() + "/hook";
        return receiver;
    }

    /// <summary>Waits (bounded) until at least <paramref name="count"/> requests arrived.</summary>
    public async Task<IReadOnlyList<ReceivedRequest>> WaitForAsync(int count, int timeoutSeconds = 15)
    {
        var deadline = DateTime.UtcNow.AddSeconds(timeoutSeconds);
        while (_received.Count < count)
        {
            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero) throw new TimeoutException($"expected {count} requests, got {_received.Count}");
            await _arrivals.WaitAsync(left);
        }
        return _received.ToArray();
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync(new CancellationTokenSource(TimeSpan.FromSeconds(2)).Token);
        await _app.DisposeAsync();
    }
}
