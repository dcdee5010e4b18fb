using System.Net;
using System.Net.Sockets;
using MockWebex.Tests.Infrastructure;

namespace MockWebex.Tests.Api;

/// <summary>The common mistakes, made with the real binary: one `error:` line, a non-zero exit, no stack trace.</summary>
public sealed class CliErrorsTests
{
    [Fact]
    public async Task CommonMistakes_OneLineEach_NonZeroExit()
    {
        using var busy = new TcpListener(IPAddress.Loopback, 0);
        busy.Start();
        var port = ((IPEndPoint)busy.LocalEndpoint).Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var cases = new (string[] Args, string Message)[]
        {
            (["serve", "--port", port, "--data", ":memory:"], $"error: port {port} is already in use"),
            (["serve", "--port", "abc"], "error: --port expects a whole number, not 'abc' (see: mockwebex serve --help)"),
            (["serve", "--port", "0", "--data", "/proc/no-such-folder/x.db"], "error: cannot open the data file /proc/no-such-folder/x.db"),
            (["serve", "--port", "0", "--data", ""], "error: --data needs a file path (or :memory: for a store that is not kept)"),
            (["serve", "--port", "0", "--data", "/dev/null"], "error: cannot open the data file /dev/null: it is a device, not a file. --data :memory: keeps nothing"),
            (["serve", "--port", "0", "--data", Path.GetTempPath().TrimEnd('/')], $"error: cannot open the data file {Path.GetTempPath().TrimEnd('/')}: it is a folder. Give --data a file path, such as {Path.Combine(Path.GetTempPath(), "mockwebex.db")}"),
            (["bogus"], "error: Unrecognized command or argument 'bogus'"),
            (["serve", "--port", "70000"], "error: --port must be between 0 and 65535, not 70000 (see: mockwebex serve --help)"),
            (["relay", "--port", "0", "--token", "t", "--when-offline", "queue", "--queue-limit", "0"], "error: --queue-limit must be between 1 and 1000000, not 0"),
            (["forward", "--port", "0", "--to", "http://127.0.0.1:1", "--timeout", "0"], "error: --timeout must be between 0.001 and 86400, not 0"),
            (["replay", "capture.jsonl", "--to", "http://127.0.0.1:1", "--speed", "-1"], "error: --speed must be between 0 and 1000, not -1"),
            (["trigger", "messages.created", "--server", "notaurl"], "error: --server must be an http or https URL, not 'notaurl'"),
            (["trigger", "messages.created", "--server", "http://127.0.0.1:1"], "error: cannot reach the emulator at http://127.0.0.1:1/"),
            (["relay", "--port", "0"], "error: a relay needs --token, $MOCKWEBEX_RELAY_TOKEN or --tokens FILE"),
            (["listen", "--relay", "http://127.0.0.1:1", "--channel", "c", "--token", "t", "--forward-to", "nope"], "error: --forward-to must be an http or https URL"),
        };
        foreach (var (args, message) in cases)
        {
            var (exit, output) = await CliProcess.RunAsync(args);
            Assert.True(exit == 2, $"{string.Join(' ', args)} → exit {exit}: {output}");
            Assert.StartsWith(message, output.Trim());
            Assert.Single(output.Trim().Split('\n'));
        }
    }

    [Theory]
    [InlineData("text")]
    [InlineData("small")]
    [InlineData("random")]
    public async Task DataPathOfAnotherFile_Refused_FileLeftAsItWas(string kind)
    {
        using var folder = new TempFolder("not-a-db");
        var path = Path.Combine(folder.Folder, "notes.md");
        var bytes = kind switch
        {
            "text" => File.ReadAllBytes(Path.Combine(Repo.Root, "README.md")),
            "small" => "hello"u8.ToArray(),
            _ => new Random(7).GetItems<byte>(Enumerable.Range(0, 256).Select(b => (byte)b).ToArray(), 100_000),
        };
        File.WriteAllBytes(path, bytes);

        var (exit, output) = await CliProcess.RunAsync("serve", "--port", "0", "--data", path);

        Assert.True(exit == 2, output);
        Assert.StartsWith($"error: cannot open the data file {path}: it is not a MockWebex data file", output.Trim());
        Assert.Single(output.Trim().Split('\n'));
        Assert.Equal(bytes, File.ReadAllBytes(path));
    }

    [Theory]
    [InlineData("MOCKWEBEX__Storage__PruneInterval", "00:00:00", "error: invalid setting Storage:PruneInterval (MOCKWEBEX__Storage__PruneInterval): The field PruneInterval must be between")]
    [InlineData("MOCKWEBEX__Delivery__LaneIdleTimeout", "-00:00:01", "error: invalid setting Delivery:LaneIdleTimeout (MOCKWEBEX__Delivery__LaneIdleTimeout): The field LaneIdleTimeout must be between")]
    [InlineData("MOCKWEBEX__Storage__CheckpointPages", "-1", "error: invalid setting Storage:CheckpointPages (MOCKWEBEX__Storage__CheckpointPages): The field CheckpointPages must be between 1 and 1000000")]
    [InlineData("MOCKWEBEX__Delivery__Timeout", "abc", "error: Failed to convert configuration value 'abc' at 'Delivery:Timeout' to type 'System.TimeSpan'")]
    [InlineData("MOCKWEBEX__Server__Port", "99999", "error: invalid setting Server:Port (MOCKWEBEX__Server__Port): The field Port must be between 0 and 65535")]
    public async Task BadSetting_NamedInOneLine_Exit2(string variable, string value, string expected)
    {
        // --port 0 would win over MOCKWEBEX__Server__Port.
        string[] port = variable == "MOCKWEBEX__Server__Port" ? [] : ["--port", "0"];
        var (exit, output) = await CliProcess.RunProgramAsync("dotnet", [Repo.MockWebexDll, "serve", .. port, "--data", ":memory:"],
            environment: new Dictionary<string, string> { [variable] = value });
        Assert.True(exit == 2, output);
        Assert.StartsWith(expected, output.Trim());
        Assert.Single(output.Trim().Split('\n'));
    }

    [Fact]
    public async Task Verbose_ShowsTheDetail()
    {
        var (exit, output) = await CliProcess.RunAsync("serve", "--port", "0", "--data", "/proc/no-such-folder/x.db", "--verbose");
        Assert.Equal(2, exit);
        Assert.Contains("error: cannot open the data file", output);
        Assert.Contains("   at ", output); // the exception behind the line, stack and all
    }

    [Fact]
    public async Task RelativeDataPath_IsTakenFromTheCurrentDirectory()
    {
        var folder = Directory.CreateTempSubdirectory("cwd-");
        try
        {
            await using var serve = CliProcess.StartProgram("dotnet", [Repo.MockWebexDll, "serve", "--port", "0", "--data", "sub/here.db"], workingDirectory: folder.FullName);
            var line = await serve.WaitForOutputAsync(@"listening on \S+  \(data: (\S+);");
            Assert.Equal(Path.Combine(folder.FullName, "sub", "here.db"), line.Groups[1].Value);
            Assert.True(File.Exists(Path.Combine(folder.FullName, "sub", "here.db")));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}
