using Microsoft.Extensions.FileProviders;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using MockWebex.Delivery;
using MockWebex.Events;
using MockWebex.Fixtures;

namespace MockWebex.Scenarios;

/// <summary>
/// Plays fixtures/scenarios/*.json. `{{steps.room.data.id}}` in a later step's data or actor is
/// replaced by that value of the step named "room", so a conversation hangs together: the room
/// created first is the room the messages are posted in.
/// </summary>
public sealed partial class ScenarioRunner(FixtureCatalog fixtures, EventFactory factory, EventPublisher publisher, MockWebex.Storage.RetentionService retention, TimeProvider clock)
{
    [GeneratedRegex(@"\{\{\s*steps\.([\w-]+)\.([\w.]+)\s*\}\}")]
    private static partial Regex StepReference();

    public IReadOnlyList<Scenario> All() =>
        fixtures.Files.GetDirectoryContents("scenarios")
            .Where(f => !f.IsDirectory && f.Name.EndsWith(".json", StringComparison.Ordinal))
            .OrderBy(f => f.Name, StringComparer.Ordinal).Select(Load).ToList();

    public Scenario? Find(string name)
    {
        if (!name.All(c => char.IsLetterOrDigit(c) || c is '-' or '_')) return null;
        var file = fixtures.Files.GetFileInfo($"scenarios/{name}.json");
        return file.Exists ? Load(file) : null;
    }

    /// <param name="seed">Step i is generated with seed + i.</param>
    public async Task<IReadOnlyList<StepResult>> RunAsync(Scenario scenario, int seed, CancellationToken ct)
    {
        var results = new List<StepResult>();
        for (var i = 0; i < scenario.Steps.Count; i++)
        {
            var step = scenario.Steps[i];
            if (step.DelayMs > 0) await Task.Delay(TimeSpan.FromMilliseconds(step.DelayMs), clock, ct);
            var parts = step.Event.Split('.', 2);
            if (parts.Length != 2) throw new ScenarioException($"step {step.Name}: event must be resource.event, got '{step.Event}'");
            var data = step.Data is null ? null : (JsonObject?)Resolve(step.Data, results, step);
            var actor = step.Actor is null ? null : Resolve(JsonValue.Create(step.Actor), results, step)?.ToString();
            try
            {
                retention.KeepUp();
                var evt = factory.Create(new EventRequest(parts[0], parts[1], data, actor, 1, unchecked(seed + i)), out _)[0];
                var queued = publisher.Publish([evt]);
                results.Add(new StepResult(step.Name, evt.Name, evt.Id, evt.ActorId, evt.Data, queued));
            }
            catch (EventRequestException e)
            {
                throw new ScenarioException($"step {step.Name}: {e.Message}");
            }
        }
        return results;
    }

    private static JsonNode? Resolve(JsonNode? node, List<StepResult> done, ScenarioStep step) => node switch
    {
        JsonObject obj => new JsonObject(obj.Select(p => KeyValuePair.Create(p.Key, Resolve(p.Value, done, step)))),
        JsonArray array => new JsonArray(array.Select(i => Resolve(i, done, step)).ToArray()),
        JsonValue value when value.TryGetValue(out string? text) && text.Contains("{{steps.", StringComparison.Ordinal) => ResolveString(text, done, step),
        _ => node?.DeepClone(),
    };

    private static JsonNode? ResolveString(string text, List<StepResult> done, ScenarioStep step)
    {
        var whole = StepReference().Match(text);
        if (whole.Success && whole.Length == text.Length) return Lookup(whole, done, step)?.DeepClone();
        return JsonValue.Create(StepReference().Replace(text, m => Lookup(m, done, step) is JsonValue v && v.TryGetValue(out string? s) ? s : Lookup(m, done, step)?.ToJsonString() ?? ""));
    }

    private static JsonNode? Lookup(Match reference, List<StepResult> done, ScenarioStep step)
    {
        var name = reference.Groups[1].Value;
        var earlier = done.FirstOrDefault(r => r.Step == name)
            ?? throw new ScenarioException($"step {step.Name} refers to step '{name}', which has not run before it");
        var path = reference.Groups[2].Value.Split('.');
        JsonNode? current = path[0] switch
        {
            "data" => earlier.Data,
            "actorId" => JsonValue.Create(earlier.ActorId),
            "eventId" => JsonValue.Create(earlier.EventId),
            _ => throw new ScenarioException($"step {step.Name}: unknown reference '{reference.Value}' (use data.*, actorId or eventId)"),
        };
        foreach (var key in path.Skip(1)) current = current?[key];
        return current ?? throw new ScenarioException($"step {step.Name}: '{reference.Value}' has no value");
    }

    private static Scenario Load(IFileInfo file)
    {
        var path = "scenarios/" + file.Name;
        var json = JsonNode.Parse(FixtureCatalog.ReadAllText(file)) as JsonObject ?? throw new InvalidDataException($"{path}: not a JSON object");
        var steps = (json["steps"] as JsonArray ?? throw new InvalidDataException($"{path}: missing steps")).Select((s, i) => new ScenarioStep(
            s?["name"]?.GetValue<string>() ?? $"step{i + 1}",
            s?["event"]?.GetValue<string>() ?? throw new InvalidDataException($"{path}: step {i + 1} has no event"),
            s?["data"] as JsonObject,
            s?["actor"]?.GetValue<string>(),
            s?["delayMs"]?.GetValue<int>() ?? 0)).ToList();
        return new Scenario(Path.GetFileNameWithoutExtension(file.Name), json["description"]?.GetValue<string>() ?? "", steps);
    }
}
