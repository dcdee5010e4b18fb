using System.CommandLine;

namespace MockWebex.Cli;

/// <summary>`mockwebex scenario bot-conversation`: play a scripted sequence of events.</summary>
public static class ScenarioCommand
{
    public static Command Create()
    {
        var name = new Argument<string>("name") { Description = "Scenario file name in fixtures/scenarios, without .json" };
        var server = CommonOptions.Server();
        var seed = CommonOptions.Seed();
        var command = new Command("scenario", "Run a scenario (fixtures/scenarios/<name>.json)") { name, seed, server };
        command.SetAction((parse, ct) => CommonOptions.GuardAsync(async () =>
        {
            using var client = new EmulatorClient(EmulatorClient.ResolveServer(parse.GetValue(server)));
            var result = await client.RunScenarioAsync(parse.GetValue(name)!, parse.GetValue(seed), ct);
            foreach (var step in result["steps"]!.AsArray())
                Console.WriteLine($"{step!["step"],-14} {step["event"],-30} → {step["deliveries"]!.AsArray().Count} webhook(s)");
            Console.WriteLine($"seed {result["seed"]} (--seed {result["seed"]} plays the same events again)");
            return 0;
        }));
        return command;
    }
}
