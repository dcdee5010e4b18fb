using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;

namespace MockWebex.Tests.Infrastructure;

/// <summary>Runs the real `mockwebex` binary (dotnet mockwebex.dll ...) and captures its output.</summary>
public sealed class CliProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly object _gate = new();

    private CliProcess(Process process)
    {
        _process = process;
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (_gate) _output.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (_gate) _output.AppendLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public string Output { get { lock (_gate) return _output.ToString(); } }

    /// <summary>Starts the mockwebex binary built with the tests.</summary>
    public static CliProcess Start(params string[] args) => StartProgram("dotnet", [Repo.MockWebexDll, .. args]);

    /// <summary>Starts any program (a published app, an installed tool) with extra environment variables.</summary>
    public static CliProcess StartProgram(string file, IEnumerable<string> args, IReadOnlyDictionary<string, string>? environment = null, string? workingDirectory = null)
    {
        var info = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args) info.ArgumentList.Add(arg);
        info.Environment["DOTNET_NOLOGO"] = "1";
        foreach (var (key, value) in environment ?? new Dictionary<string, string>()) info.Environment[key] = value;
        if (workingDirectory is not null) info.WorkingDirectory = workingDirectory;
        return new CliProcess(Process.Start(info)!);
    }

    /// <summary>Runs a mockwebex command to completion (bounded) and returns its exit code and output.</summary>
    public static Task<(int ExitCode, string Output)> RunAsync(params string[] args) => RunProgramAsync("dotnet", [Repo.MockWebexDll, .. args]);

    /// <summary>Runs any program to completion (bounded, 60 s unless told) and returns its exit code and output.</summary>
    public static async Task<(int ExitCode, string Output)> RunProgramAsync(string file, IEnumerable<string> args, string? workingDirectory = null, TimeSpan? timeout = null)
    {
        await using var cli = StartProgram(file, args, workingDirectory: workingDirectory);
        using var limit = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(60));
        await cli._process.WaitForExitAsync(limit.Token);
        cli._process.WaitForExit();
        return (cli._process.ExitCode, cli.Output);
    }

    /// <summary>Waits for the "listening on URL" line that `serve` prints.</summary>
    public async Task<string> WaitForUrlAsync(string pattern = @"listening on (http://\S+)")
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            var match = Regex.Match(Output, pattern);
            if (match.Success) return match.Groups[1].Value;
            if (_process.HasExited) throw new InvalidOperationException("process exited: " + Output);
            await Task.Delay(50);
        }
        throw new TimeoutException("no URL printed: " + Output);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
    }
}
