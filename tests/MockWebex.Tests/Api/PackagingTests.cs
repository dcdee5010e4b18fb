using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;
using MockWebex.Tests.Infrastructure;

namespace MockWebex.Tests.Api;

/// <summary>
/// Docker cannot run here, so this runs the Dockerfile's own `dotnet publish` line and starts the result
/// with the image's environment; and it packs, installs and runs the `mockwebex` dotnet tool.
/// One class: both build Release output of the same project, so they must not run in parallel.
/// </summary>
public sealed class PackagingTests
{
    [Fact]
    public async Task Dockerfile_PublishCommand_ProducesAppThatServesHealthz()
    {
        var dockerfile = await File.ReadAllTextAsync(Path.Combine(Repo.Root, "Dockerfile"));
        var publish = Regex.Match(dockerfile, @"RUN (dotnet publish .+)").Groups[1].Value.Trim();
        Assert.Contains("-o /app", publish);
        var output = Directory.CreateTempSubdirectory("publish-").FullName;
        try
        {
            var (code, log) = await RunAsync("dotnet", publish["dotnet ".Length..].Replace("-o /app", $"-o \"{output}\""), Repo.Root);
            Assert.True(code == 0, log);
            Assert.True(File.Exists(Path.Combine(output, "fixtures", "events", "messages.created.json")), "fixtures must ship in the image");
            Assert.True(File.Exists(Path.Combine(output, "wwwroot", "dashboard", "index.html")), "dashboard must ship in the image");

            // The image's ENV, with a free port and a temp data folder instead of 8080 and /data.
            var env = Regex.Matches(dockerfile, @"(MOCKWEBEX__\w+)=(\S+)").ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value);
            Assert.Equal("0.0.0.0", env["MOCKWEBEX__Server__Host"]);
            env["MOCKWEBEX__Server__Port"] = "0";
            env["MOCKWEBEX__Storage__Path"] = Path.Combine(output, "data", "mockwebex.db");
            using var app = StartProcess("dotnet", [Path.Combine(output, "mockwebex.dll"), "serve"], env);
            var url = await WaitForUrlAsync(app);
            using var http = new HttpClient();
            Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(url + "/healthz")).StatusCode);
            var (health, healthLog) = await RunAsync("dotnet", $"{Path.Combine(output, "mockwebex.dll")} health --server {url}", output);
            Assert.True(health == 0, healthLog);
            app.Kill(true);
        }
        finally
        {
            Directory.Delete(output, true);
        }
    }

    [Fact]
    public async Task DotnetPack_InstallsGlobalTool_HelpAndServeWork()
    {
        var temp = Directory.CreateTempSubdirectory("tool-").FullName;
        try
        {
            var (pack, packLog) = await RunAsync("dotnet", $"pack src/MockWebex/MockWebex.csproj -c Release -o \"{temp}/pkg\"", Repo.Root);
            Assert.True(pack == 0, packLog);
            var (install, installLog) = await RunAsync("dotnet", $"tool install MockWebex --tool-path \"{temp}/tools\" --add-source \"{temp}/pkg\"", temp);
            Assert.True(install == 0, installLog);

            var tool = Path.Combine(temp, "tools", "mockwebex");
            var (help, helpLog) = await RunAsync(tool, "--help", temp);
            Assert.True(help == 0, helpLog);
            Assert.Contains("serve", helpLog);
            Assert.Contains("trigger", helpLog);

            using var serve = StartProcess(tool, ["serve", "--port", "0", "--data", Path.Combine(temp, "t.db")], []);
            var url = await WaitForUrlAsync(serve);
            using var http = new HttpClient();
            Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(url + "/healthz")).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(url + "/dashboard/")).StatusCode);
            serve.Kill(true);
        }
        finally
        {
            Directory.Delete(temp, true);
        }
    }

    private static Process StartProcess(string file, string[] args, Dictionary<string, string> env)
    {
        var info = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args) info.ArgumentList.Add(a);
        foreach (var (k, v) in env) info.Environment[k] = v;
        return Process.Start(info)!;
    }

    private static async Task<string> WaitForUrlAsync(Process process)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (await process.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
        {
            var match = Regex.Match(line, @"listening on (http://\S+)");
            if (match.Success) return match.Groups[1].Value;
        }
        throw new InvalidOperationException("exited without a URL: " + await process.StandardError.ReadToEndAsync());
    }

    private static async Task<(int Code, string Log)> RunAsync(string file, string args, string cwd)
    {
        var info = new ProcessStartInfo(file, args) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = cwd, UseShellExecute = false };
        info.Environment["DOTNET_NOLOGO"] = "1";
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout + await stderr);
    }
}
