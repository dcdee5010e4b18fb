using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using MockWebex.Admin;
using MockWebex.Delivery;
using MockWebex.Hosting;
using MockWebex.Resources;
using MockWebex.Storage;

namespace MockWebex.Testing;

/// <summary>
/// The emulator running inside a test process on a free loopback port:
/// <code>await using var webex = await MockWebexServer.StartAsync();</code>
/// Point your bot at <see cref="BaseUrl"/>, fire events with <see cref="TriggerAsync"/>, read what was sent with
/// <see cref="DeliveriesAsync"/> or wait for one with <see cref="WaitForDeliveryAsync"/>. Answers are the same
/// records the /_emulator API returns.
/// </summary>
public sealed class MockWebexServer : IAsyncDisposable
{
    private static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(10);

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
        var settings = new Dictionary<string, string?>
        {
            ["Server:Port"] = "0",
            ["Server:Host"] = "127.0.0.1",
            ["Storage:Path"] = options.DataPath ?? ":memory:",
        };
        if (options.VirtualClock) settings["Clock:Mode"] = "virtual";
        if (options.Seed is { } seed) settings["Events:Seed"] = seed.ToString(CultureInfo.InvariantCulture);
        foreach (var (key, value) in options.Settings) settings[key] = value;
        var app = EmulatorHost.Build(settings, options.ConfigureServices);
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
    /// Generates events from fixtures and queues deliveries; returns the events and the deliveries queued for each.
    /// <paramref name="details"/> holds what only a GET returns, e.g. <c>new { text = "hello" }</c> for a message.
    /// </summary>
    public async Task<TriggerResponse> TriggerAsync(string resource, string @event, object? data = null, string? actor = null, int count = 1, object? details = null)
    {
        var response = await _admin.PostAsJsonAsync("/_emulator/events", new { resource, @event, data, actor, count, details });
        if (!response.IsSuccessStatusCode)
            throw new InvalidOperationException($"trigger failed ({(int)response.StatusCode}): {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<TriggerResponse>())!;
    }

    /// <summary>The delivery log, newest first.</summary>
    public async Task<IReadOnlyList<DeliveryDto>> DeliveriesAsync(string? webhookId = null, string? status = null, int limit = 100)
    {
        var query = $"?limit={limit}" + (webhookId is null ? "" : $"&webhookId={Uri.EscapeDataString(webhookId)}") + (status is null ? "" : $"&status={status}");
        return (await _admin.GetFromJsonAsync<List<DeliveryDto>>("/_emulator/deliveries" + query))!;
    }

    /// <summary>
    /// Waits until a delivery matching <paramref name="predicate"/> is in the log and returns it (the newest such),
    /// e.g. <c>d =&gt; d.Status == "succeeded" &amp;&amp; d.Resource == "messages"</c>. Wakes on each change the
    /// emulator writes, so it returns as soon as the delivery is stored; throws <see cref="TimeoutException"/>
    /// after <paramref name="timeout"/> (10 s by default) naming what the log held.
    /// </summary>
    public async Task<DeliveryDto> WaitForDeliveryAsync(Func<DeliveryDto, bool> predicate, TimeSpan? timeout = null)
    {
        var found = await WaitForDeliveriesAsync(all => all.Any(predicate), timeout);
        return found.First(predicate);
    }

    /// <summary>Waits until <paramref name="count"/> deliveries have finished (succeeded, failed or dropped); newest first.</summary>
    public async Task<IReadOnlyList<DeliveryDto>> WaitForDeliveriesAsync(int count, TimeSpan? timeout = null)
    {
        var all = await WaitForDeliveriesAsync(all => all.Count(d => d.Status != DeliveryStatus.Pending) >= count, timeout, Math.Max(count, 100));
        return all.Where(d => d.Status != DeliveryStatus.Pending).ToList();
    }

    /// <summary>Waits until the log (newest <paramref name="limit"/> deliveries, newest first) satisfies <paramref name="done"/>.</summary>
    public Task<IReadOnlyList<DeliveryDto>> WaitForDeliveriesAsync(Func<IReadOnlyList<DeliveryDto>, bool> done, TimeSpan? timeout = null, int limit = 1000)
    {
        var wait = timeout ?? DefaultTimeout;
        return _app.Services.GetRequiredService<DeliveryLog>().Changed.WaitUntilAsync(
            () => DeliveriesAsync(limit: limit), done, wait,
            deliveries => $"the delivery log never matched within {wait}; it held {deliveries.Count}: "
                + string.Join(", ", deliveries.Take(10).Select(d => $"#{d.Id} {d.Resource}.{d.Event} {d.Status}")));
    }

    /// <summary>Messages posted so far (by your bot through the API, or by triggered events), oldest first.</summary>
    public async Task<IReadOnlyList<MessageDto>> MessagesAsync(string? roomId = null, string? personId = null)
    {
        var query = "?" + (roomId is null ? "" : $"roomId={Uri.EscapeDataString(roomId)}&") + (personId is null ? "" : $"personId={Uri.EscapeDataString(personId)}");
        return (await _admin.GetFromJsonAsync<List<MessageDto>>("/_emulator/messages" + query.TrimEnd('&', '?')))!;
    }

    /// <summary>Every user's webhooks with their status and recent failures (secrets left out).</summary>
    public async Task<IReadOnlyList<AdminWebhookDto>> WebhooksAsync() =>
        (await _admin.GetFromJsonAsync<List<AdminWebhookDto>>("/_emulator/webhooks"))!;

    /// <summary>Moves the virtual clock (<see cref="MockWebexServerOptions.VirtualClock"/>) forward; what came due runs. Returns the new time.</summary>
    public async Task<DateTimeOffset> AdvanceClockAsync(TimeSpan by)
    {
        using var response = await _admin.PostAsJsonAsync("/_emulator/clock/advance", new { by });
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"advance failed ({(int)response.StatusCode}): {await response.Content.ReadAsStringAsync()}");
        return DateTimeOffset.Parse((await response.Content.ReadFromJsonAsync<ClockDto>())!.Now, System.Globalization.CultureInfo.InvariantCulture);
    }

    public async Task ResetAsync()
    {
        using var response = await _admin.PostAsJsonAsync("/_emulator/reset", new { });
        response.EnsureSuccessStatusCode();
    }

    public async ValueTask DisposeAsync()
    {
        _admin.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
