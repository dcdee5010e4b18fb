using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using MockWebex.Tests.Infrastructure;

namespace MockWebex.Tests.Api;

/// <summary>The served OpenAPI document agrees with the seed spec (shared/spec, copied to Spec/): paths, methods, codes, fields.</summary>
public sealed class OpenApiTests
{
    private static readonly string Seed = File.ReadAllText(Path.Combine(Repo.Root, "tests", "MockWebex.Tests", "Spec", "webex-webhooks.seed.openapi.yaml"));

    [Fact]
    public async Task OpenApi_WebhooksPart_MatchesSeedSpecPathsMethodsAndCodes()
    {
        await using var emulator = await Emulator.StartAsync();
        var doc = JsonNode.Parse(await emulator.Client(null).GetStringAsync("/openapi/v1.json"))!;

        var seedOps = SeedOperations().ToList();
        Assert.Equal(5, seedOps.Count);
        foreach (var (path, method, codes) in seedOps)
        {
            var op = doc["paths"]!["/v1" + path]?[method];
            Assert.True(op is not null, $"missing {method} /v1{path}");
            var ours = op!["responses"]!.AsObject().Select(r => r.Key).ToHashSet();
            foreach (var code in codes) Assert.True(ours.Contains(code), $"{method} /v1{path}: seed has {code}, ours has {string.Join(",", ours)}");
        }
        Assert.NotNull(doc["paths"]!["/_emulator/events"]?["post"]);
        foreach (var (path, method) in new[] { ("/v1/people/me", "get"), ("/v1/people/{personId}", "get"), ("/v1/rooms/{roomId}", "put"),
            ("/v1/memberships", "post"), ("/v1/messages", "post"), ("/v1/messages/{messageId}", "delete"), ("/v1/attachment/actions", "post") })
        {
            var op = doc["paths"]![path]?[method];
            Assert.True(op is not null, $"missing {method} {path}");
            Assert.NotNull(op!["responses"]!["401"]);
        }
    }

    [Theory]
    [InlineData("Webhook", "WebhookDto")]
    [InlineData("CreateWebhookRequest", "CreateWebhookRequest")]
    [InlineData("UpdateWebhookRequest", "UpdateWebhookRequest")]
    public async Task OpenApi_Schemas_HaveTheSeedSpecFields(string seedSchema, string ourSchema)
    {
        await using var emulator = await Emulator.StartAsync();
        var doc = JsonNode.Parse(await emulator.Client(null).GetStringAsync("/openapi/v1.json"))!;
        var ours = doc["components"]!["schemas"]![ourSchema]!["properties"]!.AsObject().Select(p => p.Key).Order();
        Assert.Equal(SeedProperties(seedSchema).Order(), ours);
    }

    private static IEnumerable<(string Path, string Method, List<string> Codes)> SeedOperations()
    {
        string? path = null, method = null;
        var codes = new List<string>();
        foreach (var line in Seed.Split('\n'))
        {
            if (Regex.Match(line, @"^  (/\S+):\s*$") is { Success: true } p) { if (method is not null) yield return (path!, method, codes); path = p.Groups[1].Value; method = null; codes = []; }
            else if (path is not null && Regex.Match(line, @"^    (get|post|put|delete):\s*$") is { Success: true } m) { if (method is not null) yield return (path, method, codes); method = m.Groups[1].Value; codes = []; }
            else if (method is not null && Regex.Match(line, @"^        '(\d{3})':") is { Success: true } c) codes.Add(c.Groups[1].Value);
            else if (line.StartsWith("components:", StringComparison.Ordinal)) { if (method is not null) yield return (path!, method, codes); yield break; }
        }
    }

    private static IEnumerable<string> SeedProperties(string schema)
    {
        var inSchema = false;
        foreach (var line in Seed.Split('\n'))
        {
            if (Regex.IsMatch(line, @"^    \S+:\s*$")) inSchema = line.Trim() == schema + ":";
            else if (inSchema && Regex.Match(line, @"^        (\w+):\s*$") is { Success: true } m) yield return m.Groups[1].Value;
        }
    }
}
