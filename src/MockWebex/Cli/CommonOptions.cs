using System.CommandLine;

namespace MockWebex.Cli;

/// <summary>Options and error handling shared by the client verbs.</summary>
public static class CommonOptions
{
    public static Option<string?> Server() => new("--server") { Description = $"Emulator URL (default $MOCKWEBEX_URL or {EmulatorClient.DefaultServer})" };

    public static Option<int?> Seed() => new("--seed") { Description = "Seed for generated data: the same seed gives the same payloads" };

    /// <summary>Runs a verb body, turning CliException into a message on stderr and exit code 2.</summary>
    public static async Task<int> GuardAsync(Func<Task<int>> body)
    {
        try
        {
            return await body();
        }
        catch (CliException e)
        {
            await Console.Error.WriteLineAsync("error: " + e.Message);
            return 2;
        }
    }
}
