using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using MockWebex.Hosting;
using MockWebex.Storage;

namespace MockWebex.Testing;

/// <summary>Settings for an in-process emulator; anything else goes in <see cref="Settings"/> (e.g. "Delivery:FailureThreshold").</summary>
public sealed class MockWebexServerOptions
{
    /// <summary>LiteDB file; null keeps everything in memory.</summary>
    public string? DataPath { get; set; }

    /// <summary>Seed for generated payloads, for reproducible runs.</summary>
    public int? Seed { get; set; }

    public Dictionary<string, string?> Settings { get; } = [];
}

/// <summary>
/// The emulator running inside a test process on a free loopback port:
/// <code>await using var webex = await MockWebexServer.StartAsync();</code>
/// Point your bot at <see cref="BaseUrl"/>, fire events with <see cref="TriggerAsync"/>, read what was sent with <see cref="DeliveriesAsync"/>.
/// </summary>
public sealed class MockWebexServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly HttpClient _admin;

    private MockWebexServer(WebApplication app)
    {
        _app = app;
        BaseUrl = app.BaseUrl();
        _admin = new HttpClient { BaseAddress = new Uri(BaseUrl) };
        if (app.Configuration["Admin:Token"] is { Length: > 0 } token)
            _admin.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
    }

    /// <summary>http://127.0.0.1:port — use BaseUrl + "/v1" as the Webex API base.</summary>
    public string BaseUrl { get; }

    public IServiceProvider Services => _app.Services;

    public static async Task<MockWebexServer> StartAsync(MockWebexServerOptions? options = null)
    {
        options ??= new MockWebexServerOptions();
        var settings = new Dictionary<string, string?>(options.Settings)
        {
            ["Server:Port"] = "0",
            ["Server:Host"] = "127.0.0.1",
            ["Storage:Path"] = options.DataPath ?? ":memory:",
        };
        if (options.Seed is { } seed) settings["Events:Seed"] = seed.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var app = EmulatorHost.Build(settings);
        await app.StartAsync();
        await app.Services.GetRequiredService<WebexStore>().Ready;
        return new MockWebexServer(app);
    }

    /// <summary>An HttpClient for the emulated Webex API, authenticated as the given token.</summary>
    public HttpClient CreateClient(string token)
    {
        var client = new HttpClient { BaseAddress = new Uri(BaseUrl) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>
    /// Generates events from fixtures and queues deliveries; returns the emulator's answer (events and delivery ids).
    /// <paramref name="details"/> holds what only a GET returns, e.g. <c>new { text = "hello" }</c> for a message.
    /// </summary>
    public async Task<JsonObject> TriggerAsync(string resource, string @event, object? data = null, string? actor = null, int count = 1, object? details = null)
    {
        var response = await _admin.PostAsJsonAsync("/_emulator/events", new { resource, @event, data, actor, count, details });
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"trigger failed ({(int)response.StatusCode}): {text}");
        return JsonNode.Parse(text)!.AsObject();
    }

    /// <summary>The delivery log, newest first.</summary>
    public async Task<JsonArray> DeliveriesAsync(string? webhookId = null, string? status = null, int limit = 100)
    {
        var query = $"?limit={limit}" + (webhookId is null ? "" : $"&webhookId={Uri.EscapeDataString(webhookId)}") + (status is null ? "" : $"&status={status}");
        return JsonNode.Parse(await _admin.GetStringAsync("/_emulator/deliveries" + query))!.AsArray();
    }

    /// <summary>Waits (up to <paramref name="timeout"/>) until <paramref name="count"/> deliveries have finished.</summary>
    public async Task<JsonArray> WaitForDeliveriesAsync(int count, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(10));
        while (true)
        {
            var all = await DeliveriesAsync(limit: Math.Max(count, 100));
            var finished = new JsonArray(all.Where(d => d!["status"]!.ToString() != "pending").Select(d => d!.DeepClone()).ToArray());
            if (finished.Count >= count) return finished;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"expected {count} finished deliveries, got {finished.Count}");
            await Task.Delay(20);
        }
    }

    /// <summary>Messages posted so far (by your bot through the API, or by triggered events), oldest first.</summary>
    public async Task<JsonArray> MessagesAsync(string? roomId = null, string? personId = null)
    {
        var query = "?" + (roomId is null ? "" : $"roomId={Uri.EscapeDataString(roomId)}&") + (personId is null ? "" : $"personId={Uri.EscapeDataString(personId)}");
        return JsonNode.Parse(await _admin.GetStringAsync("/_emulator/messages" + query.TrimEnd('&', '?')))!.AsArray();
    }

    public Task ResetAsync() => _admin.PostAsJsonAsync("/_emulator/reset", new { });

    public async ValueTask DisposeAsync()
    {
        _admin.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
