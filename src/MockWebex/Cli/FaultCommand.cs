using System.CommandLine;
using System.Text.Json.Nodes;

namespace MockWebex.Cli;

/// <summary>`mockwebex fault add|list|clear`: make the emulated API misbehave on cue (429 with Retry-After, 5xx, slow answers).</summary>
public static class FaultCommand
{
    public static Command Create()
    {
        var command = new Command("fault", "Make /v1 requests fail or slow down on cue (429 with Retry-After, 5xx, delays)");
        command.Subcommands.Add(Add());
        command.Subcommands.Add(List());
        command.Subcommands.Add(Clear());
        return command;
    }

    private static Command Add()
    {
        var path = new Option<string>("--path") { Description = "Request path; * stands for one segment (/v1/messages/*)", Required = true };
        var status = new Option<int>("--status") { Description = "Status to answer (400–599), or 0 to answer normally after --delay-ms", DefaultValueFactory = _ => 429 };
        var method = new Option<string?>("--method") { Description = "Only this HTTP method (default any)" };
        var token = new Option<string?>("--token") { Description = "Only requests with this bearer token" };
        var retryAfter = new Option<int?>("--retry-after") { Description = "Retry-After seconds on the answer" };
        var delay = new Option<int>("--delay-ms") { Description = "Wait this long first" };
        var count = new Option<int?>("--count") { Description = "Hit this many requests, then go (default: until cleared)" };
        var probability = new Option<double?>("--probability") { Description = "Hit this share of matching requests (0–1; repeatable with Events:Seed)" };
        var server = CommonOptions.Server();
        var add = new Command("add", "Add a fault rule") { path, status, method, token, retryAfter, delay, count, probability, server };
        add.SetAction((parse, ct) => CommonOptions.GuardAsync(async () =>
        {
            using var client = new EmulatorClient(EmulatorClient.ResolveServer(parse.GetValue(server)));
            var rule = await client.AddFaultAsync(new JsonObject
            {
                ["path"] = parse.GetValue(path),
                ["status"] = parse.GetValue(status),
                ["method"] = parse.GetValue(method),
                ["token"] = parse.GetValue(token),
                ["retryAfter"] = parse.GetValue(retryAfter),
                ["delayMs"] = parse.GetValue(delay),
                ["count"] = parse.GetValue(count),
                ["probability"] = parse.GetValue(probability),
            }, ct);
            Console.WriteLine($"{rule["id"]}: {Describe(rule)}");
            return 0;
        }));
        return add;
    }

    private static Command List()
    {
        var server = CommonOptions.Server();
        var list = new Command("list", "List the fault rules and how often each fired") { server };
        list.SetAction((parse, ct) => CommonOptions.GuardAsync(async () =>
        {
            using var client = new EmulatorClient(EmulatorClient.ResolveServer(parse.GetValue(server)));
            var items = (await client.FaultsAsync(ct))["items"]!.AsArray();
            foreach (var rule in items) Console.WriteLine($"{rule!["id"]}: {Describe(rule)}; fired {rule["fired"]}");
            Console.WriteLine($"{items.Count} fault rule(s)");
            return 0;
        }));
        return list;
    }

    private static Command Clear()
    {
        var server = CommonOptions.Server();
        var clear = new Command("clear", "Remove every fault rule") { server };
        clear.SetAction((parse, ct) => CommonOptions.GuardAsync(async () =>
        {
            using var client = new EmulatorClient(EmulatorClient.ResolveServer(parse.GetValue(server)));
            Console.WriteLine($"removed {(await client.ClearFaultsAsync(ct))["removed"]} fault rule(s)");
            return 0;
        }));
        return clear;
    }

    private static string Describe(JsonNode rule) =>
        $"{rule["method"] ?? "any"} {rule["path"]} → {rule["status"]}"
        + (rule["retryAfter"] is { } r ? $" Retry-After {r}" : "")
        + (rule["delayMs"]?.GetValue<int>() is > 0 and var d ? $" after {d} ms" : "")
        + (rule["count"] is { } c ? $", {c} time(s)" : "")
        + (rule["probability"] is { } p ? $", probability {p}" : "");
}
