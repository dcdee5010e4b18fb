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

    /// <summary>Every /v1 endpoint the app maps is in the document, with a summary, 401, and a request body where it takes one.</summary>
    [Fact]
    public async Task OpenApi_CoversEveryV1Endpoint()
    {
        await using var emulator = await Emulator.StartAsync();
        var doc = JsonNode.Parse(await emulator.Client(null).GetStringAsync("/openapi/v1.json"))!;
        var endpoints = emulator.Service<Microsoft.AspNetCore.Routing.EndpointDataSource>().Endpoints
            .OfType<Microsoft.AspNetCore.Routing.RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText!.StartsWith("/v1/", StringComparison.Ordinal) && !e.RoutePattern.RawText.Contains("**"))
            .SelectMany(e => e.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()!.HttpMethods.Select(m => (Path: e.RoutePattern.RawText!.TrimEnd('/'), Method: m.ToLowerInvariant())))
            .Where(e => e.Method != "head")
            .ToList();
        Assert.True(endpoints.Count >= 35, $"only {endpoints.Count} /v1 endpoints found");
        foreach (var (path, method) in endpoints)
        {
            var op = doc["paths"]![Regex.Replace(path, @"\{(\w+)(:[^}]+)?\}", "{$1}")]?[method];
            Assert.True(op is not null, $"missing {method} {path}");
            Assert.False(string.IsNullOrEmpty(op!["summary"]?.ToString()), $"{method} {path} has no summary");
            Assert.NotNull(op["responses"]!["401"]);
            if (method is "post" or "put") Assert.True(op["requestBody"] is not null, $"{method} {path} documents no request body");
        }
        foreach (var resource in new[] { "/v1/teams", "/v1/team/memberships", "/v1/contents/{contentId}" })
            Assert.True(doc["paths"]![resource] is not null, $"missing {resource}");
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
