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
            var args = publish.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1..].Select(a => a == "/app" ? output : a);
            var (code, log) = await CliProcess.RunProgramAsync("dotnet", args, Repo.Root, TimeSpan.FromMinutes(5));
            Assert.True(code == 0, log);
            Assert.True(File.Exists(Path.Combine(output, "fixtures", "events", "messages.created.json")), "fixtures must ship in the image");
            Assert.True(File.Exists(Path.Combine(output, "wwwroot", "dashboard", "index.html")), "dashboard must ship in the image");

            // The image's ENV, with a free port and a temp data folder instead of 8080 and /data.
            var env = Regex.Matches(dockerfile, @"(MOCKWEBEX__\w+)=(\S+)").ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value);
            Assert.Equal("0.0.0.0", env["MOCKWEBEX__Server__Host"]);
            env["MOCKWEBEX__Server__Port"] = "0";
            env["MOCKWEBEX__Storage__Path"] = Path.Combine(output, "data", "mockwebex.db");
            await using var app = CliProcess.StartProgram("dotnet", [Path.Combine(output, "mockwebex.dll"), "serve"], env);
            var url = await app.WaitForUrlAsync();
            using var http = new HttpClient();
            Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(url + "/healthz")).StatusCode);
            var (health, healthLog) = await CliProcess.RunProgramAsync("dotnet", [Path.Combine(output, "mockwebex.dll"), "health", "--server", url], output);
            Assert.True(health == 0, healthLog);
        }
        finally
        {
            Directory.Delete(output, true);
        }
    }

    /// <summary>The README's C# example, verbatim, as the Program.cs of a fresh console project.</summary>
    [Fact]
    public async Task ReadmeCSharpExample_CompilesAndRunsAsWritten()
    {
        var example = ReadmeTests.Blocks().Single(b => b.Language == "csharp");
        var folder = Directory.CreateTempSubdirectory("readme-example-").FullName;
        try
        {
            await File.WriteAllTextAsync(Path.Combine(folder, "Program.cs"), example.Code);
            await File.WriteAllTextAsync(Path.Combine(folder, "ReadmeExample.csproj"), $"""
                <Project Sdk="Microsoft.NET.Sdk">
                  <PropertyGroup>
                    <OutputType>Exe</OutputType>
                    <TargetFramework>net10.0</TargetFramework>
                    <ImplicitUsings>enable</ImplicitUsings>
                    <Nullable>enable</Nullable>
                  </PropertyGroup>
                  <ItemGroup>
                    <ProjectReference Include="{Path.Combine(Repo.Root, "src", "MockWebex.Testing", "MockWebex.Testing.csproj")}" />
                  </ItemGroup>
                </Project>
                """);
            var (exit, output) = await CliProcess.RunProgramAsync("dotnet", ["run", "-c", Repo.Configuration], folder, TimeSpan.FromMinutes(5));
            Assert.True(exit == 0, output);
            Assert.Contains("you said: ping", output);
        }
        finally
        {
            Directory.Delete(folder, true);
        }
    }

    [Fact]
    public async Task DotnetPack_InstallsGlobalTool_HelpAndServeWork()
    {
        var temp = Directory.CreateTempSubdirectory("tool-").FullName;
        try
        {
            foreach (var project in new[] { "src/MockWebex/MockWebex.csproj", "src/MockWebex.Testing/MockWebex.Testing.csproj" })
            {
                var (pack, packLog) = await CliProcess.RunProgramAsync("dotnet", ["pack", project, "-c", "Release", "-o", $"{temp}/pkg"], Repo.Root, TimeSpan.FromMinutes(5));
                Assert.True(pack == 0, packLog);
                Assert.DoesNotMatch(@"(?i)\bwarning\b", packLog);
            }
            // One version for every package, each with the metadata a package page shows.
            foreach (var id in new[] { "MockWebex", "MockWebex.Testing" })
            {
                using var package = System.IO.Compression.ZipFile.OpenRead(Path.Combine(temp, "pkg", $"{id}.0.2.0.nupkg"));
                using var reader = new StreamReader(package.GetEntry($"{id}.nuspec")!.Open());
                var nuspec = await reader.ReadToEndAsync();
                foreach (var expected in new[] { "<license type=\"expression\">MIT</license>", "<readme>README.md</readme>", "<icon>package-icon.png</icon>", "<repository type=\"git\"", "<tags>webex" })
                    Assert.Contains(expected, nuspec);
                Assert.NotNull(package.GetEntry("README.md"));
                Assert.NotNull(package.GetEntry("package-icon.png"));
            }
            var (install, installLog) = await CliProcess.RunProgramAsync("dotnet", ["tool", "install", "MockWebex", "--tool-path", $"{temp}/tools", "--add-source", $"{temp}/pkg"], temp, TimeSpan.FromMinutes(5));
            Assert.True(install == 0, installLog);

            var tool = Path.Combine(temp, "tools", "mockwebex");
            var (help, helpLog) = await CliProcess.RunProgramAsync(tool, ["--help"], temp);
            Assert.True(help == 0, helpLog);
            Assert.Contains("serve", helpLog);
            Assert.Contains("trigger", helpLog);

            await using var serve = CliProcess.StartProgram(tool, ["serve", "--port", "0", "--data", Path.Combine(temp, "t.db")]);
            var url = await serve.WaitForUrlAsync();
            using var http = new HttpClient();
            Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(url + "/healthz")).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(url + "/dashboard/")).StatusCode);
        }
        finally
        {
            Directory.Delete(temp, true);
        }
    }
}
