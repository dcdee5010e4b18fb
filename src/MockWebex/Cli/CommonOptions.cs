using System.CommandLine;

namespace MockWebex.Cli;

/// <summary>Options and error handling shared by the client verbs.</summary>
public static class CommonOptions
{
    public static Option<string?> Server() => new Option<string?>("--server") { Description = $"Emulator URL (default $MOCKWEBEX_URL or {EmulatorClient.DefaultServer})" }.HttpUrl();

    public static Option<int?> Seed() => new("--seed") { Description = "Seed for generated data: the same seed gives the same payloads" };

    /// <summary>On every verb: full exception details and framework logs instead of one line.</summary>
    public static Option<bool> Verbose { get; } = new("--verbose") { Description = "Show full error details and framework logs", Recursive = true };

    /// <summary>--verbose was given (set once, as the command line is parsed).</summary>
    public static bool IsVerbose { get; set; }

    /// <summary>Starts a server; a busy port is one line, not a stack trace.</summary>
    public static async Task StartOrExplainAsync(Func<Task> start, int port, string? address = null)
    {
        try
        {
            await start();
        }
        catch (IOException e) when (e.InnerException is Microsoft.AspNetCore.Connections.AddressInUseException
            || e.Message.Contains("address already in use", StringComparison.OrdinalIgnoreCase))
        {
            throw new CliException($"port {port} is already in use{(address is null ? "" : $" ({address})")}; pick another with --port (0 = a free one)");
        }
        catch (IOException e) when (e.Message.StartsWith("Failed to bind", StringComparison.Ordinal))
        {
            throw new CliException(e.Message.TrimEnd('.') + "; check --host and --port");
        }
    }

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
            if (IsVerbose && e.InnerException is { } detail) await Console.Error.WriteLineAsync(detail.ToString());
            return 2;
        }
    }
}
