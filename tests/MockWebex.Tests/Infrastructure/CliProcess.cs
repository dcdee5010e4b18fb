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
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.Exited += (_, _) => _changed.Release();
        process.EnableRaisingEvents = true;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public string Output { get { lock (_gate) return _output.ToString(); } }

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    /// <summary>Released once per line printed (and on exit): what waits for output waits on this, not on a timer.</summary>
    private readonly SemaphoreSlim _changed = new(0);

    private void Append(string? line)
    {
        if (line is null) return;
        lock (_gate) _output.AppendLine(line);
        _changed.Release();
    }

    /// <summary>Waits (bounded) until the output matches; returns the match. Fails if the process exits first.</summary>
    public async Task<Match> WaitForOutputAsync(string pattern, int timeoutSeconds = 30, int occurrence = 1)
    {
        var deadline = DateTime.UtcNow.AddSeconds(timeoutSeconds);
        while (true)
        {
            var matches = Regex.Matches(Output, pattern, RegexOptions.Multiline);
            if (matches.Count >= occurrence) return matches[occurrence - 1];
            if (_process.HasExited)
            {
                _process.WaitForExit(); // drains the output streams
                matches = Regex.Matches(Output, pattern, RegexOptions.Multiline);
                if (matches.Count >= occurrence) return matches[occurrence - 1];
                throw new InvalidOperationException($"process exited ({_process.ExitCode}) before printing /{pattern}/: {Output}");
            }
            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero || !await _changed.WaitAsync(left)) throw new TimeoutException($"no /{pattern}/ in: {Output}");
        }
    }

    /// <summary>Waits (bounded) for the process to end and returns its exit code.</summary>
    public async Task<int> WaitForExitAsync(int timeoutSeconds = 30)
    {
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(timeoutSeconds));
        await _process.WaitForExitAsync(limit.Token);
        _process.WaitForExit();
        return _process.ExitCode;
    }

    /// <summary>Sends a POSIX signal (STOP freezes the process, CONT resumes it).</summary>
    public async Task SignalAsync(string signal)
    {
        var (exit, output) = await RunProgramAsync("kill", ["-" + signal, _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        Assert.True(exit == 0, output);
    }

    /// <summary>Starts the mockwebex binary built with the tests.</summary>
    public static CliProcess Start(params string[] args) => StartProgram("dotnet", [Repo.MockWebexDll, .. args]);

    /// <summary>
    /// Starts the mockwebex binary under a file-size limit (RLIMIT_FSIZE, soft) of <paramref name="kib"/> KiB, as on a full
    /// disk: the shell that starts it ignores SIGXFSZ, so a write past the limit fails instead of killing the process, and
    /// the runtime's W^X double mapping, which writes to a memory file the limit caps too, is off. `prlimit --pid ID
    /// --fsize=unlimited` lifts it, as freeing space would.
    /// </summary>
    public static CliProcess StartWithFileSizeLimit(int kib, IReadOnlyDictionary<string, string>? environment, params string[] args)
    {
        static string Quoted(string arg) => "'" + arg.Replace("'", "'\\''") + "'";
        var command = $"trap '' XFSZ; ulimit -S -f {kib}; exec dotnet {Quoted(Repo.MockWebexDll)} {string.Join(' ', args.Select(Quoted))}";
        var withoutDoubleMapping = new Dictionary<string, string>(environment ?? new Dictionary<string, string>()) { ["DOTNET_EnableWriteXorExecute"] = "0" };
        return StartProgram("bash", ["-c", command], withoutDoubleMapping);
    }

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
    public static async Task<(int ExitCode, string Output)> RunProgramAsync(string file, IEnumerable<string> args, string? workingDirectory = null, TimeSpan? timeout = null,
        IReadOnlyDictionary<string, string>? environment = null)
    {
        await using var cli = StartProgram(file, args, environment, workingDirectory);
        using var limit = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(60));
        await cli._process.WaitForExitAsync(limit.Token);
        cli._process.WaitForExit();
        return (cli._process.ExitCode, cli.Output);
    }

    private int _disposed;

    /// <summary>Waits for the "listening on URL" line that `serve` prints.</summary>
    public async Task<string> WaitForUrlAsync(string pattern = @"listening on (http://\S+)") =>
        (await WaitForOutputAsync(pattern)).Groups[1].Value;

    /// <summary>Kills the process (SIGKILL: no graceful shutdown) if it still runs; a second call does nothing.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1) return;
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
    }
}
