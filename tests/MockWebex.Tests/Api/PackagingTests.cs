using System.Net;
using System.Text.RegularExpressions;
using MockWebex.Tests.Infrastructure;

namespace MockWebex.Tests.Api;

/// <summary>
/// Docker cannot run here, so this runs the Dockerfile's own `dotnet publish` line and starts the result
/// with the image's environment; and it packs, installs and runs the `mockwebex` dotnet tool.
/// One class: both build Release output of the same project, so they must not run in parallel.
/// </summary>
public sealed class PackagingTests(PackedPackages packages) : IClassFixture<PackedPackages>
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
            // As Docker runs it: through sh, with the build argument BuildKit sets on this machine's architecture.
            var line = Regex.Replace(publish, @"-o /app\b", $"-o {output}");
            var architecture = System.Runtime.InteropServices.RuntimeInformation.OSArchitecture == System.Runtime.InteropServices.Architecture.Arm64 ? "arm64" : "amd64";
            var (code, log) = await CliProcess.RunProgramAsync("sh", ["-c", line], Repo.Root, TimeSpan.FromMinutes(5), new Dictionary<string, string> { ["TARGETARCH"] = architecture });
            Assert.True(code == 0, log);
            // Its assemblies carry native code for that architecture (a ReadyToRun image has a managed native header).
            using (var assembly = new System.Reflection.PortableExecutable.PEReader(File.OpenRead(Path.Combine(output, "MockWebex.Emulator.dll"))))
                Assert.True(assembly.PEHeaders.CorHeader!.ManagedNativeHeaderDirectory.Size > 0, "MockWebex.Emulator.dll is not ReadyToRun");

            // The image's ENV, with a free port and a temp data folder instead of 8080 and /data.
            var env = Regex.Matches(dockerfile, @"(MOCKWEBEX__\w+)=(\S+)").ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value);
            Assert.Equal("0.0.0.0", env["MOCKWEBEX__Server__Host"]);
            env["MOCKWEBEX__Server__Port"] = "0";
            env["MOCKWEBEX__Storage__Path"] = Path.Combine(output, "data", "mockwebex.db");
            await using var app = CliProcess.StartProgram("dotnet", [Path.Combine(output, "mockwebex.dll"), "serve"], env);
            var url = await app.WaitForUrlAsync();
            using var http = new HttpClient();
            Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(url + "/healthz")).StatusCode);
            // The dashboard and the fixtures are built into the emulator's assembly: the image needs no other files.
            Assert.Contains("<title>", await http.GetStringAsync(url + "/dashboard/"));
            Assert.Contains("messages.created", await http.GetStringAsync(url + "/_emulator/fixtures"));
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
        var feed = await packages.FeedAsync();
        var temp = Directory.CreateTempSubdirectory("tool-").FullName;
        try
        {
            var (install, installLog) = await CliProcess.RunProgramAsync("dotnet", ["tool", "install", "MockWebex", "--tool-path", $"{temp}/tools", "--add-source", feed],
                temp, TimeSpan.FromMinutes(5), packages.IsolatedNuGet);
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

    /// <summary>One version for every package, each with the metadata a package page shows.</summary>
    [Fact]
    public async Task EveryPackage_HasOneVersionAndItsMetadata()
    {
        var feed = await packages.FeedAsync();
        var version = Regex.Match(await File.ReadAllTextAsync(Path.Combine(Repo.Root, "Directory.Build.props")), "<Version>(.+)</Version>").Groups[1].Value;
        Assert.Equal(PackedPackages.Ids.Order(), Directory.GetFiles(feed, "*.nupkg").Select(f => Path.GetFileName(f).Replace($".{version}.nupkg", "")).Order());
        foreach (var id in PackedPackages.Ids)
        {
            using var package = System.IO.Compression.ZipFile.OpenRead(Path.Combine(feed, $"{id}.{version}.nupkg"));
            using var reader = new StreamReader(package.GetEntry($"{id}.nuspec")!.Open());
            var nuspec = await reader.ReadToEndAsync();
            foreach (var expected in new[] { $"<version>{version}</version>", "<license type=\"expression\">MIT</license>", "<readme>README.md</readme>", "<icon>package-icon.png</icon>", "<repository type=\"git\"", "<tags>webex" })
                Assert.Contains(expected, nuspec);
            Assert.NotNull(package.GetEntry("README.md"));
            Assert.NotNull(package.GetEntry("package-icon.png"));
        }
    }

    /// <summary>
    /// What a user does: a fresh xunit project, `PackageReference` to MockWebex.Testing from a feed (no project
    /// reference, nothing from this repo's build), and a test that gets a signed delivery from the in-process emulator.
    /// </summary>
    [Fact]
    public async Task FreshConsumerProject_InstallsMockWebexTesting_AndItsTestPasses()
    {
        var feed = await packages.FeedAsync();
        var version = Regex.Match(await File.ReadAllTextAsync(Path.Combine(Repo.Root, "Directory.Build.props")), "<Version>(.+)</Version>").Groups[1].Value;
        var pins = await File.ReadAllTextAsync(Path.Combine(Repo.Root, "Directory.Packages.props"));
        string Pin(string id) => Regex.Match(pins, $"Include=\"{Regex.Escape(id)}\" Version=\"([^\"]+)\"").Groups[1].Value;
        var folder = Directory.CreateTempSubdirectory("consumer-").FullName;
        try
        {
            await File.WriteAllTextAsync(Path.Combine(folder, "nuget.config"), $"""
                <configuration>
                  <packageSources>
                    <add key="mockwebex-local" value="{feed}" />
                  </packageSources>
                </configuration>
                """);
            await File.WriteAllTextAsync(Path.Combine(folder, "Consumer.Tests.csproj"), $"""
                <Project Sdk="Microsoft.NET.Sdk">
                  <PropertyGroup>
                    <TargetFramework>net10.0</TargetFramework>
                    <ImplicitUsings>enable</ImplicitUsings>
                    <Nullable>enable</Nullable>
                    <IsPackable>false</IsPackable>
                  </PropertyGroup>
                  <ItemGroup>
                    <PackageReference Include="Microsoft.NET.Test.Sdk" Version="{Pin("Microsoft.NET.Test.Sdk")}" />
                    <PackageReference Include="xunit" Version="{Pin("xunit")}" />
                    <PackageReference Include="xunit.runner.visualstudio" Version="{Pin("xunit.runner.visualstudio")}" />
                    <PackageReference Include="MockWebex.Testing" Version="{version}" />
                  </ItemGroup>
                </Project>
                """);
            await File.WriteAllTextAsync(Path.Combine(folder, "BotTests.cs"), ConsumerTest);
            var (exit, output) = await CliProcess.RunProgramAsync("dotnet", ["test"], folder, TimeSpan.FromMinutes(8), packages.IsolatedNuGet);
            Assert.True(exit == 0, output);
            Assert.Matches(@"Passed!\s+-\s+Failed:\s+0, Passed:\s+1,", output);
        }
        finally
        {
            Directory.Delete(folder, true);
        }
    }

    private const string ConsumerTest = """
        using System.Net.Http.Json;
        using System.Security.Cryptography;
        using System.Text;
        using Microsoft.AspNetCore.Builder;
        using Microsoft.AspNetCore.Hosting;
        using Microsoft.AspNetCore.Http;
        using MockWebex.Testing;
        using Xunit;

        public class BotTests
        {
            [Fact]
            public async Task TriggeredMessage_ReachesMyWebhook_Signed()
            {
                await using var webex = await MockWebexServer.StartAsync(new MockWebexServerOptions { Seed = 7 });
                var arrived = new TaskCompletionSource<(byte[] Body, string Signature)>();
                var receiver = WebApplication.CreateSlimBuilder();
                receiver.WebHost.UseUrls("http://127.0.0.1:0");
                await using var app = receiver.Build();
                app.MapPost("/webex", async (HttpRequest request) =>
                {
                    using var body = new MemoryStream();
                    await request.Body.CopyToAsync(body);
                    arrived.TrySetResult((body.ToArray(), request.Headers["X-Spark-Signature"].ToString()));
                    return Results.Ok();
                });
                await app.StartAsync();

                using var bot = webex.CreateClient("consumer-bot-token");
                var created = await bot.PostAsJsonAsync("/v1/webhooks", new { name = "mine", targetUrl = app.Urls.First() + "/webex", resource = "messages", @event = "created", secret = "consumer-secret" });
                created.EnsureSuccessStatusCode();
                var triggered = await webex.TriggerAsync("messages", "created", new { roomType = "direct" }, details: new { text = "hello from a package" });

                var (body, signature) = await arrived.Task.WaitAsync(TimeSpan.FromSeconds(30));
                Assert.Equal(Convert.ToHexStringLower(HMACSHA1.HashData(Encoding.UTF8.GetBytes("consumer-secret"), body)), signature);
                var delivery = await webex.WaitForDeliveryAsync(d => d.Status == "succeeded", TimeSpan.FromSeconds(30));
                Assert.Equal(triggered.Events[0].Deliveries[0].DeliveryId, delivery.Id);
                Assert.Equal("valid", delivery.Signature);
                var message = Assert.Single(await webex.MessagesAsync());
                Assert.Equal("hello from a package", message.Text);
            }
        }
        """;
}

/// <summary>
/// `dotnet pack` of the solution into one local feed, once for the class, with a NuGet packages folder of its own
/// so a consumer never restores a stale MockWebex build from the machine's global cache.
/// </summary>
public sealed class PackedPackages : IAsyncLifetime
{
    public static readonly string[] Ids = ["MockWebex", "MockWebex.Emulator", "MockWebex.Testing"];

    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("packages-");
    private Task<string>? _feed;

    public Dictionary<string, string> IsolatedNuGet => new() { ["NUGET_PACKAGES"] = Path.Combine(_root.FullName, "nuget-packages") };

    public Task<string> FeedAsync() => _feed ??= PackAsync();

    private async Task<string> PackAsync()
    {
        var feed = Path.Combine(_root.FullName, "feed");
        var (pack, log) = await CliProcess.RunProgramAsync("dotnet", ["pack", "MockWebex.sln", "-c", "Release", "-o", feed], Repo.Root, TimeSpan.FromMinutes(5));
        Assert.True(pack == 0, log);
        Assert.DoesNotMatch(@"(?i)\bwarning\b", log);
        return feed;
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync()
    {
        _root.Delete(recursive: true);
        return Task.CompletedTask;
    }
}
