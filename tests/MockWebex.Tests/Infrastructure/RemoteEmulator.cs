using System.Globalization;
using System.Text.Json.Nodes;

namespace MockWebex.Tests.Infrastructure;

/// <summary>
/// Waits on an emulator in another process (`mockwebex serve`) the way a CI script would: read, and if the condition
/// does not hold yet, long-poll GET /_emulator/deliveries/changes for the delivery log's next version. No sleeps.
/// </summary>
public static class RemoteEmulator
{
    public static async Task<JsonArray> WaitForDeliveriesAsync(HttpClient emulator, Func<JsonArray, bool> done, string query = "", int timeoutSeconds = 30)
    {
        JsonArray deliveries = [];
        await WaitAsync(emulator, async () =>
        {
            using var response = await emulator.GetAsync("/_emulator/deliveries" + query);
            deliveries = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsArray();
            return done(deliveries);
        }, () => deliveries.ToJsonString(), timeoutSeconds);
        return deliveries;
    }

    /// <summary>A webhook's state changes as deliveries fail, and each delivery result moves the log: wait on that.</summary>
    public static async Task<JsonNode> WaitForWebhookAsync(HttpClient emulator, string id, Func<JsonNode, bool> done, int timeoutSeconds = 30)
    {
        JsonNode webhook = new JsonObject();
        await WaitAsync(emulator, async () =>
        {
            var all = JsonNode.Parse(await emulator.GetStringAsync("/_emulator/webhooks"))!.AsArray();
            webhook = all.Single(w => w!["webhook"]!["id"]!.ToString() == id)!;
            return done(webhook);
        }, () => webhook.ToJsonString(), timeoutSeconds);
        return webhook;
    }

    private static async Task WaitAsync(HttpClient emulator, Func<Task<bool>> check, Func<string> describe, int timeoutSeconds)
    {
        var deadline = DateTime.UtcNow.AddSeconds(timeoutSeconds);
        while (true)
        {
            var version = await VersionAsync(emulator); // before the check, so a change during it is not missed
            if (await check()) return;
            var left = (int)Math.Ceiling((deadline - DateTime.UtcNow).TotalSeconds);
            if (left < 1) throw new TimeoutException(describe());
            await emulator.GetStringAsync($"/_emulator/deliveries/changes?since={version}&timeout={Math.Min(left, 300)}");
        }
    }

    private static async Task<long> VersionAsync(HttpClient emulator)
    {
        using var response = await emulator.GetAsync("/_emulator/deliveries?limit=1");
        return long.Parse(response.Headers.GetValues("X-Delivery-Log-Version").Single(), CultureInfo.InvariantCulture);
    }
}
