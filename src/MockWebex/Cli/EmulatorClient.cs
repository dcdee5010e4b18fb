using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace MockWebex.Cli;

/// <summary>The CLI's only way to talk to a running emulator: a typed client for /_emulator.</summary>
public sealed class EmulatorClient(string server) : IDisposable
{
    public const string DefaultServer = "http://127.0.0.1:8080";
    private readonly HttpClient _http = Create(server);

    /// <summary>The admin token, when the emulator has one (Admin:Token), comes from $MOCKWEBEX_ADMIN_TOKEN.</summary>
    public const string AdminTokenVariable = "MOCKWEBEX_ADMIN_TOKEN";

    private static HttpClient Create(string server)
    {
        var http = new HttpClient { BaseAddress = new Uri(server.TrimEnd('/') + "/"), Timeout = TimeSpan.FromMinutes(5) };
        if (Environment.GetEnvironmentVariable(AdminTokenVariable) is { Length: > 0 } token)
            http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        return http;
    }

    /// <summary>--server, else $MOCKWEBEX_URL, else the default port.</summary>
    public static string ResolveServer(string? option)
    {
        if (option is not null) return option; // checked as the command line was parsed (OptionRules.HttpUrl)
        var fromEnvironment = Environment.GetEnvironmentVariable("MOCKWEBEX_URL");
        if (fromEnvironment is null) return DefaultServer;
        return OptionRules.IsHttpUrl(fromEnvironment) ? fromEnvironment : throw new CliException($"$MOCKWEBEX_URL must be an http or https URL, not '{fromEnvironment}'");
    }

    public Task<JsonObject> TriggerAsync(JsonObject body, CancellationToken ct) => SendAsync(HttpMethod.Post, "_emulator/events", body, ct);

    public Task<JsonObject> RunScenarioAsync(string name, int? seed, CancellationToken ct) =>
        SendAsync(HttpMethod.Post, $"_emulator/scenarios/{Uri.EscapeDataString(name)}/run" + (seed is null ? "" : $"?seed={seed}"), null, ct);

    public Task<JsonObject> VerifyAsync(string targetUrl, string secret, string? token, int? callbackTimeout, CancellationToken ct) =>
        SendAsync(HttpMethod.Post, "_emulator/verify", new JsonObject { ["targetUrl"] = targetUrl, ["secret"] = secret, ["token"] = token, ["callbackTimeout"] = callbackTimeout }, ct);

    public Task<JsonObject> AddFaultAsync(JsonObject rule, CancellationToken ct) => SendAsync(HttpMethod.Post, "_emulator/faults", rule, ct);

    public Task<JsonObject> FaultsAsync(CancellationToken ct) => SendAsync(HttpMethod.Get, "_emulator/faults", null, ct);

    public Task<JsonObject> ClearFaultsAsync(CancellationToken ct) => SendAsync(HttpMethod.Delete, "_emulator/faults", null, ct);

    private async Task<JsonObject> SendAsync(HttpMethod method, string path, JsonObject? body, CancellationToken ct)
    {
        // Control-plane writes are JSON even when empty: the emulator refuses anything else (a cross-site form could send it).
        using var request = new HttpRequestMessage(method, path);
        if (method != HttpMethod.Get) request.Content = JsonContent.Create(body ?? new JsonObject());
        HttpResponseMessage response;
        try
        {
            response = await _http.SendAsync(request, ct);
        }
        catch (HttpRequestException e)
        {
            throw new CliException($"cannot reach the emulator at {_http.BaseAddress}: {e.Message}. Start it with `mockwebex serve` or pass --server.");
        }
        using (response)
        {
            var text = await response.Content.ReadAsStringAsync(ct);
            if (!response.IsSuccessStatusCode)
            {
                var detail = TryParse(text)?["detail"]?.ToString() ?? text;
                throw new CliException($"{(int)response.StatusCode}: {detail}");
            }
            return TryParse(text) ?? throw new CliException("the emulator answered something that is not JSON");
        }
    }

    private static JsonObject? TryParse(string text)
    {
        try { return JsonNode.Parse(text) as JsonObject; }
        catch (System.Text.Json.JsonException) { return null; }
    }

    public void Dispose() => _http.Dispose();
}
