using System.CommandLine;
using System.Text.Json.Nodes;

namespace MockWebex.Cli;

/// <summary>`mockwebex trigger messages.created --set data.roomId=X --count 3`: fire generated events.</summary>
public static class TriggerCommand
{
    public static Command Create()
    {
        var eventName = new Argument<string>("event") { Description = "resource.event, e.g. messages.created (see `mockwebex fixtures`)" };
        var set = new Option<string[]>("--set") { Description = "Override a field: data.path=value (JSON values allowed); repeatable", AllowMultipleArgumentsPerToken = false };
        var count = new Option<int>("--count") { Description = "How many events", DefaultValueFactory = _ => 1 };
        var actor = new Option<string?>("--actor") { Description = "Who acts: a token, person id or email" };
        var text = new Option<string?>("--text") { Description = "For messages.created: the text GET /v1/messages/{id} returns (deliveries never carry it)" };
        var json = new Option<bool>("--json") { Description = "Print the emulator's JSON answer" };
        var server = CommonOptions.Server();
        var seed = CommonOptions.Seed();
        var command = new Command("trigger", "Generate an event from its fixture and deliver it to matching webhooks") { eventName, set, count, actor, text, seed, server, json };
        command.SetAction((parse, ct) => CommonOptions.GuardAsync(async () =>
        {
            var parts = parse.GetValue(eventName)!.Split('.', 2);
            if (parts.Length != 2) throw new CliException("event must be resource.event, e.g. messages.created");
            var body = new JsonObject
            {
                ["resource"] = parts[0],
                ["event"] = parts[1],
                ["count"] = parse.GetValue(count),
                ["data"] = Overrides.Parse(parse.GetValue(set) ?? []),
            };
            if (parse.GetValue(actor) is { } a) body["actor"] = a;
            if (parse.GetValue(seed) is { } s) body["seed"] = s;
            if (parse.GetValue(text) is { } t) body["details"] = new JsonObject { ["text"] = t };

            using var client = new EmulatorClient(EmulatorClient.ResolveServer(parse.GetValue(server)));
            var result = await client.TriggerAsync(body, ct);
            if (parse.GetValue(json)) Console.WriteLine(result.ToJsonString());
            else Print(result);
            return 0;
        }));
        return command;
    }

    private static void Print(JsonObject result)
    {
        var events = result["events"]!.AsArray();
        foreach (var evt in events)
        {
            var deliveries = evt!["deliveries"]!.AsArray();
            Console.WriteLine($"{evt["resource"]}.{evt["event"]}  data.id={evt["data"]?["id"] ?? evt["data"]?["callId"]}  → {deliveries.Count} webhook(s)");
            foreach (var d in deliveries) Console.WriteLine($"    delivery {d!["deliveryId"]} to webhook {d["webhookId"]}");
        }
        foreach (var warning in result["warnings"]?.AsArray() ?? []) Console.WriteLine($"warning: {warning}");
        Console.WriteLine($"{events.Count} event(s), {events.Sum(e => e!["deliveries"]!.AsArray().Count)} delivery(ies) queued; seed {result["seed"]} (--seed {result["seed"]} makes the same events again)");
    }
}
