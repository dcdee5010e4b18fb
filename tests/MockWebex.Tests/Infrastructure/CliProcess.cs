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

    public static CliProcess Start(params string[] args)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(Repo.MockWebexDll);
        foreach (var arg in args) info.ArgumentList.Add(arg);
        info.Environment["DOTNET_NOLOGO"] = "1";
        return new CliProcess(Process.Start(info)!);
    }

    /// <summary>Runs a command to completion (bounded) and returns its exit code and output.</summary>
    public static async Task<(int ExitCode, string Output)> RunAsync(params string[] args)
    {
        await using var cli = Start(args);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await cli._process.WaitForExitAsync(timeout.Token);
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
