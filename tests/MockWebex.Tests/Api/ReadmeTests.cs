using System.Text.Json.Nodes;
using MockWebex.Tests.Infrastructure;

namespace MockWebex.Tests.Api;

/// <summary>
/// The README's examples, run as written: every ```bash block (unless marked
/// <c>&lt;!-- readme-test: skip (why) --&gt;</c>) in bash against a real `serve`, in order, with curl
/// failing on any HTTP error. A README change that breaks an example breaks the build. The C# example
/// is compiled and run in <see cref="PackagingTests"/> (it builds projects, like the packaging tests).
/// </summary>
public sealed class ReadmeTests
{
    public sealed record CodeBlock(string Language, string Code, int Line, string? Skip);

    public static IReadOnlyList<CodeBlock> Blocks()
    {
        var lines = File.ReadAllLines(Path.Combine(Repo.Root, "README.md"));
        var blocks = new List<CodeBlock>();
        for (var i = 0; i < lines.Length; i++)
        {
            if (!lines[i].StartsWith("```", StringComparison.Ordinal) || lines[i].Length == 3) continue;
            var language = lines[i][3..].Trim();
            var end = Array.FindIndex(lines, i + 1, l => l.StartsWith("```", StringComparison.Ordinal));
            var marker = i > 0 && lines[i - 1].StartsWith("<!-- readme-test: skip", StringComparison.Ordinal) ? lines[i - 1] : null;
            blocks.Add(new CodeBlock(language, string.Join('\n', lines[(i + 1)..end]), i + 1, marker));
            i = end;
        }
        return blocks;
    }

    [Fact]
    public async Task EveryShellExample_RunsAsPasted_AgainstARealServe()
    {
        using var data = new TempDataFile("mockwebex-readme");
        await using var serve = CliProcess.Start("serve", "--port", "0", "--data", data.Path);
        var url = await serve.WaitForUrlAsync();
        var port = new Uri(url).Port;
        var runnable = Blocks().Where(b => b.Language == "bash" && b.Skip is null).ToList();
        Assert.True(runnable.Count >= 4, $"only {runnable.Count} runnable examples: were blocks marked skip by mistake?");
        Assert.All(Blocks().Where(b => b.Skip is not null), b => Assert.Matches(@"skip \(.+\)", b.Skip));

        foreach (var block in runnable)
        {
            // As pasted, except: the test's port for 8080, `mockwebex` is this build, and curl fails on HTTP errors.
            var script = "set -eu\n"
                + "mockwebex() { dotnet \"$MOCKWEBEX_DLL\" \"$@\"; }\n"
                + "curl() { command curl --fail-with-body --show-error \"$@\"; }\n"
                + block.Code.Replace("localhost:8080", $"127.0.0.1:{port}");
            await using var bash = CliProcess.StartProgram("bash", ["-c", script],
                new Dictionary<string, string> { ["MOCKWEBEX_DLL"] = Repo.MockWebexDll, ["MOCKWEBEX_URL"] = url });
            var exit = await bash.WaitForExitAsync(timeoutSeconds: 120);
            Assert.True(exit == 0, $"README.md line {block.Line} failed (exit {exit}):\n{block.Code}\n--- output ---\n{bash.Output}");
            Assert.DoesNotContain("error:", bash.Output);
        }

        // What the text promises: alice's webhook exists, and the event fired with "actor":"alice-token" reached it.
        using var http = new HttpClient { BaseAddress = new Uri(url) };
        http.DefaultRequestHeaders.Authorization = new("Bearer", "alice-token");
        var hook = JsonNode.Parse(await http.GetStringAsync("/v1/webhooks"))!["items"]![0]!;
        Assert.Equal("bot", hook["name"]!.ToString());
        var deliveries = JsonNode.Parse(await http.GetStringAsync($"/_emulator/deliveries?webhookId={hook["id"]}"))!.AsArray();
        Assert.Contains(deliveries, d => JsonNode.Parse(d!["body"]!.ToString())!["data"]!["roomId"]!.ToString() == "abc");
    }
}
