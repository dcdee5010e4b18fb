using System.CommandLine;
using System.Xml.Linq;

namespace MockWebex.Cli;

/// <summary>
/// `mockwebex verify --target URL --secret S [--token T] [--junit report.xml]`: has a running emulator grade a webhook
/// receiver (signatures, JSON forms, duplicates, order, unknown events; with the token the receiver calls the API with,
/// 429 retries and duplicate replies) and prints a table; exit 0 only when every check passed.
/// </summary>
public static class VerifyCommand
{
    public const string SecretVariable = "MOCKWEBEX_VERIFY_SECRET";
    public const string TokenVariable = "MOCKWEBEX_VERIFY_TOKEN";

    public static Command Create()
    {
        var target = new Option<string>("--target") { Description = "The receiver's URL (what your webhook's targetUrl is)", Required = true };
        var secret = new Option<string?>("--secret") { Description = $"The secret your webhook is created with (or ${SecretVariable}, which keeps it out of the process list)" };
        var token = new Option<string?>("--token") { Description = $"The token your receiver calls the emulator's API with: adds the 429-retry and duplicate-reply checks (or ${TokenVariable})" };
        var callbackTimeout = new Option<int?>("--callback-timeout") { Description = "Seconds the receiver has to call back with --token (default 15)" };
        var junit = new Option<string?>("--junit") { Description = "Also write the report as JUnit XML to this file (for CI)" };
        var server = CommonOptions.Server();
        var command = new Command("verify", "Grade a webhook receiver for the mistakes that break bots in production") { target, secret, token, callbackTimeout, junit, server };
        command.SetAction((parse, ct) => CommonOptions.GuardAsync(async () =>
        {
            var webhookSecret = parse.GetValue(secret) ?? Environment.GetEnvironmentVariable(SecretVariable)
                ?? throw new CliException($"verify needs the webhook's secret: --secret or ${SecretVariable}");
            var botToken = parse.GetValue(token) ?? Environment.GetEnvironmentVariable(TokenVariable);
            using var client = new EmulatorClient(EmulatorClient.ResolveServer(parse.GetValue(server)));
            var report = await client.VerifyAsync(parse.GetValue(target)!, webhookSecret, botToken, parse.GetValue(callbackTimeout), ct);
            var checks = report["checks"]!.AsArray().Select(c => (Name: c!["name"]!.ToString(), Passed: c["passed"]!.GetValue<bool>(), Evidence: c["evidence"]!.ToString())).ToList();
            var width = checks.Max(c => c.Name.Length);
            foreach (var (name, passed, evidence) in checks)
                Console.WriteLine($"{(passed ? "PASS" : "FAIL")}  {name.PadRight(width)}  {evidence}");
            var failed = checks.Count(c => !c.Passed);
            Console.WriteLine($"{checks.Count - failed} passed, {failed} failed ({parse.GetValue(target)})");
            if (parse.GetValue(junit) is { } path) await WriteJUnitAsync(path, report["targetUrl"]!.ToString(), checks, ct);
            return failed == 0 ? 0 : 1;
        }));
        return command;
    }

    private static async Task WriteJUnitAsync(string path, string target, IReadOnlyList<(string Name, bool Passed, string Evidence)> checks, CancellationToken ct)
    {
        var suite = new XElement("testsuite",
            new XAttribute("name", "mockwebex verify"),
            new XAttribute("tests", checks.Count),
            new XAttribute("failures", checks.Count(c => !c.Passed)),
            checks.Select(c => new XElement("testcase",
                new XAttribute("classname", target),
                new XAttribute("name", c.Name),
                c.Passed ? new XElement("system-out", c.Evidence) : new XElement("failure", new XAttribute("message", c.Evidence)))));
        try
        {
            await using var file = File.Create(path);
            await new XDocument(new XElement("testsuites", suite)).SaveAsync(file, SaveOptions.None, ct);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CliException($"cannot write the JUnit report to {path}: {e.Message}");
        }
    }
}
