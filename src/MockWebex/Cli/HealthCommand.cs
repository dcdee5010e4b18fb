using System.CommandLine;

namespace MockWebex.Cli;

/// <summary>`mockwebex health`: exit 0 when /healthz answers 200 (the Docker HEALTHCHECK; the runtime image has no curl).</summary>
public static class HealthCommand
{
    public static Command Create()
    {
        var server = CommonOptions.Server();
        var command = new Command("health", "Check that an emulator answers /healthz") { server };
        command.SetAction(async (parse, ct) =>
        {
            var url = parse.GetValue(server) ?? Environment.GetEnvironmentVariable("MOCKWEBEX_URL")
                ?? $"http://127.0.0.1:{Environment.GetEnvironmentVariable("MOCKWEBEX__Server__Port") ?? "8080"}";
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(3) };
            try
            {
                using var response = await http.GetAsync(url.TrimEnd('/') + "/healthz", ct);
                var reason = response.IsSuccessStatusCode ? null : Reason(await response.Content.ReadAsStringAsync(ct));
                Console.WriteLine($"{url}: {(int)response.StatusCode}{(reason is null ? "" : $" ({reason})")}");
                return response.IsSuccessStatusCode ? 0 : 1;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                await Console.Error.WriteLineAsync($"{url}: {e.Message}");
                return 1;
            }
        });
        return command;
    }

    /// <summary>Why the emulator is unhealthy, as its /healthz body says (a full disk, a data file it cannot open).</summary>
    private static string? Reason(string body)
    {
        try
        {
            return System.Text.Json.Nodes.JsonNode.Parse(body)?["reason"]?.GetValue<string>();
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or InvalidOperationException)
        {
            return null;
        }
    }
}
