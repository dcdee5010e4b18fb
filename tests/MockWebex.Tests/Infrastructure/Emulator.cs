using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using MockWebex.Delivery;
using MockWebex.Testing;

namespace MockWebex.Tests.Infrastructure;

/// <summary>
/// The suite's one harness: a <see cref="MockWebexServer"/> (real Kestrel on a free port) with its own LiteDB
/// file and the repo's identities, one per test.
/// </summary>
public sealed class Emulator : IAsyncDisposable
{
    private readonly TempDataFile? _ownedData;

    private Emulator(MockWebexServer server, string dataPath, TempDataFile? ownedData)
    {
        Server = server;
        DataPath = dataPath;
        _ownedData = ownedData;
    }

    public MockWebexServer Server { get; }
    public string BaseUrl => Server.BaseUrl;
    public string DataPath { get; }
    public IServiceProvider Services => Server.Services;

    public static async Task<Emulator> StartAsync(
        Dictionary<string, string?>? settings = null,
        Action<IServiceCollection>? services = null,
        string? dataPath = null)
    {
        var ownedData = dataPath is null ? new TempDataFile("mockwebex-test") : null;
        dataPath ??= ownedData!.Path;
        var options = new MockWebexServerOptions { DataPath = dataPath, ConfigureServices = services };
        options.Settings["Auth:IdentitiesFile"] = Path.Combine(Repo.Fixtures, "identities.json");
        foreach (var (key, value) in settings ?? []) options.Settings[key] = value;
        return new Emulator(await MockWebexServer.StartAsync(options), dataPath, ownedData);
    }

    public HttpClient Client(string? token = "alice-token")
    {
        var client = new HttpClient { BaseAddress = new Uri(BaseUrl), Timeout = TimeSpan.FromSeconds(30) };
        if (token is not null) client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    public T Service<T>() where T : notnull => Services.GetRequiredService<T>();

    public async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync();
        _ownedData?.Dispose();
    }
}

public static class HttpJson
{
    public static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    /// <summary>An empty JSON-typed body: control-plane writes must be JSON even without a body.</summary>
    public static StringContent Empty() => Json("");

    public static Task<HttpResponseMessage> PostJsonAsync(this HttpClient client, string url, object body) =>
        client.PostAsJsonAsync(url, body);

    public static async Task<JsonObject> ReadObjectAsync(this HttpResponseMessage response) =>
        JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();

    /// <summary>Creates a webhook and returns its JSON, failing the test on a non-200.</summary>
    public static async Task<JsonObject> CreateWebhookAsync(this HttpClient client, object body)
    {
        var response = await client.PostAsJsonAsync("/v1/webhooks", body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"create webhook failed: {(int)response.StatusCode} {text}");
        return JsonNode.Parse(text)!.AsObject();
    }
}

public static class EmulatorAdmin
{
    /// <summary>POST /_emulator/events and return the response JSON (fails the test on non-200).</summary>
    public static async Task<JsonObject> TriggerAsync(this Emulator emulator, object body)
    {
        using var client = emulator.Client(null);
        var response = await client.PostAsJsonAsync("/_emulator/events", body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"trigger failed: {(int)response.StatusCode} {text}");
        return JsonNode.Parse(text)!.AsObject();
    }

    public static async Task<JsonArray> DeliveriesAsync(this Emulator emulator, string query = "")
    {
        using var client = emulator.Client(null);
        return JsonNode.Parse(await client.GetStringAsync("/_emulator/deliveries" + query))!.AsArray();
    }

    /// <summary>Reads the delivery log (as JSON, the way a client sees it) each time the emulator signals a change, until the predicate holds.</summary>
    public static Task<JsonArray> WaitForDeliveriesAsync(this Emulator emulator, Func<JsonArray, bool> done, string query = "", int timeoutSeconds = 15) =>
        emulator.Service<DeliveryLog>().Changed.WaitUntilAsync(
            () => emulator.DeliveriesAsync(query), done, TimeSpan.FromSeconds(timeoutSeconds),
            deliveries => "delivery log never matched: " + deliveries.ToJsonString());
}
