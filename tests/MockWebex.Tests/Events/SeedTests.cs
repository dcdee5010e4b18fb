using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using MockWebex.Tests.Infrastructure;

namespace MockWebex.Tests.Events;

/// <summary>
/// Which seed generates which events: every trigger and scenario says the seed it used, calls that name none take the
/// next seeds of the run (so no two share ids), and the run seed (Events:Seed) makes scenarios repeat as triggers do.
/// </summary>
public sealed class SeedTests
{
    [Fact]
    public async Task UnseededCalls_TakeTheNextSeeds_ShareNoIds_AndTheirSeedRepeatsThem()
    {
        await using var emulator = await Emulator.StartAsync();
        var first = await emulator.TriggerAsync(new { resource = "messages", @event = "created", count = 40 });
        var scenario = await (await emulator.Client(null).PostAsync("/_emulator/scenarios/bot-conversation/run", HttpJson.Empty())).ReadObjectAsync();
        var second = await emulator.TriggerAsync(new { resource = "messages", @event = "created", count = 40 });

        // Each call starts where the one before ended: seeds never overlap, so ids never repeat.
        var steps = scenario["steps"]!.AsArray().Count;
        Assert.Equal(Seed(first) + 40, Seed(scenario));
        Assert.Equal(Seed(scenario) + steps, Seed(second));
        var ids = Ids(first).Concat(Ids(second)).ToList();
        Assert.Equal(ids.Count, ids.Distinct().Count());

        // The reported seed is the one used: asking for it again makes the same events.
        var again = await emulator.TriggerAsync(new { resource = "messages", @event = "created", count = 40, seed = Seed(second) });
        Assert.Equal(Ids(second), Ids(again));
        Assert.Equal(Seed(second), Seed(again));
    }

    [Fact]
    public async Task RunSeed_RepeatsScenariosAndTriggers_RunAfterRun()
    {
        async Task<List<string>> RunAsync()
        {
            await using var emulator = await Emulator.StartAsync(new() { ["Events:Seed"] = "1234" });
            var trigger = await emulator.TriggerAsync(new { resource = "rooms", @event = "created", count = 3 });
            var scenario = await (await emulator.Client(null).PostAsync("/_emulator/scenarios/bot-conversation/run", HttpJson.Empty())).ReadObjectAsync();
            // Ids and generated values, not timestamps (those come from the clock).
            return [.. Ids(trigger), .. scenario["steps"]!.AsArray().Select(s => $"{s!["eventId"]} {s["data"]!["id"]} {s["data"]!["roomId"]} {s["data"]!["personEmail"]}"), Seed(scenario).ToString()];
        }

        Assert.Equal(await RunAsync(), await RunAsync());
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("1.5")]
    [InlineData("99999999999")]
    public async Task Scenario_SeedNotAWholeNumber_Is400(string seed)
    {
        await using var emulator = await Emulator.StartAsync();
        var response = await emulator.Client(null).PostAsync($"/_emulator/scenarios/bot-conversation/run?seed={seed}", HttpJson.Empty());
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("seed must be a whole number", (await response.Content.ReadFromJsonAsync<JsonObject>())!["detail"]!.ToString());
    }

    [Fact]
    public async Task CliTrigger_PrintsTheSeed_ThatMakesTheSameEventsAgain()
    {
        await using var receiver = await TestReceiver.StartAsync();
        await using var emulator = await Emulator.StartAsync();
        await emulator.Client().CreateWebhookAsync(new { name = "cli", targetUrl = receiver.Url, resource = "rooms", @event = "created" });

        var (exit, output) = await CliProcess.RunAsync("trigger", "rooms.created", "--server", emulator.BaseUrl);
        Assert.True(exit == 0, output);
        var seed = System.Text.RegularExpressions.Regex.Match(output, @"--seed (-?\d+) makes the same events again").Groups[1].Value;
        var (againExit, againOutput) = await CliProcess.RunAsync("trigger", "rooms.created", "--seed", seed, "--server", emulator.BaseUrl);
        Assert.True(againExit == 0, againOutput);

        var bodies = (await receiver.WaitForAsync(2)).Select(r => JsonNode.Parse(r.Body)!["data"]!["id"]!.ToString()).ToList();
        Assert.Equal(bodies[0], bodies[1]);
    }

    private static int Seed(JsonObject response) => response["seed"]!.GetValue<int>();

    /// <summary>Every id a trigger's events carry: the event's, and its data's id and roomId.</summary>
    private static List<string> Ids(JsonObject trigger) =>
        trigger["events"]!.AsArray().SelectMany(e => new[] { e!["id"]!.ToString(), e["data"]!["id"]!.ToString(), e["data"]!["roomId"]?.ToString() ?? "" })
            .Where(id => id.Length > 0).ToList();
}
