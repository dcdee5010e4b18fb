using System.Text.RegularExpressions;
using MockWebex.Tests.Infrastructure;

namespace MockWebex.Tests.Api;

/// <summary>
/// Clients nobody here wrote, against a real `mockwebex serve`: the official Webex JS SDK plugins (rooms, people,
/// memberships, messages with markdown, mentions, threads and a file upload, webhooks, attachment actions, teams)
/// and a webex-node-bot-framework bot that receives signed deliveries and answers (tests/clients/js, versions
/// pinned by its package-lock.json; scripts/install-js-clients.sh installs them). A preloaded guard makes any
/// connection off loopback throw, so nothing leaves the machine.
/// </summary>
public sealed class RealClientsTests
{
    private static readonly string Clients = Path.Combine(Repo.Root, "tests", "clients", "js");

    [Fact]
    public async Task OfficialJsSdkAndBotFramework_AgainstServe_AllPass()
    {
        Assert.True(Directory.Exists(Path.Combine(Clients, "node_modules")),
            "the JS clients are not installed: run `bash scripts/install-js-clients.sh` (scripts/test.sh does)");
        using var data = new TempDataFile("real-clients");
        await using var serve = CliProcess.Start("serve", "--port", "0", "--data", data.Path);
        var url = await serve.WaitForUrlAsync();
        var environment = new Dictionary<string, string>
        {
            ["MOCKWEBEX_URL"] = url,
            // Where the SDK looks for Webex (its documented overrides); every one on loopback.
            ["HYDRA_SERVICE_URL"] = url + "/v1",
            ["U2C_SERVICE_URL"] = url + "/u2c/api/v1",
            ["SQDISCOVERY_SERVICE_URL"] = url + "/region",
        };

        var (exit, output) = await CliProcess.RunProgramAsync("npm", ["test", "--silent"], Clients, TimeSpan.FromMinutes(5), environment);

        var passed = Regex.Match(output, @"ℹ pass (\d+)");
        var failed = Regex.Match(output, @"ℹ fail (\d+)");
        Assert.True(exit == 0 && failed.Success && failed.Groups[1].Value == "0", Summary(output));
        Assert.True(int.Parse(passed.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) >= 5, Summary(output));
        Assert.DoesNotContain("loopback-only: refused", output);
    }

    /// <summary>The test runner's verdicts and failures, without the SDK's chatter around them.</summary>
    private static string Summary(string output)
    {
        var failures = output.IndexOf("✖ failing tests:", StringComparison.Ordinal);
        var verdicts = output.Split('\n').Where(l => l.TrimStart().StartsWith('✔') || l.TrimStart().StartsWith('✖') || l.TrimStart().StartsWith('ℹ'));
        return string.Join('\n', verdicts) + (failures >= 0 ? "\n" + output[failures..] : "\n" + string.Join('\n', output.Split('\n').TakeLast(60)));
    }
}
