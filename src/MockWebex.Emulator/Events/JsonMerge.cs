using System.Text.Json.Nodes;

namespace MockWebex.Events;

/// <summary>Deep merge of override objects into generated data, with type checks that name the bad path.</summary>
public static class JsonMerge
{
    public static void Into(JsonObject target, JsonObject overrides)
    {
        foreach (var (key, value) in overrides)
        {
            if (value is JsonObject child && target[key] is JsonObject existing) Into(existing, child);
            else target[key] = value?.DeepClone();
        }
    }

    /// <summary>Adds an error for each type conflict (object vs scalar) and a warning for each key the fixture lacks.</summary>
    public static void Validate(JsonObject template, JsonObject overrides, string path, List<string> errors, List<string> warnings)
    {
        foreach (var (key, value) in overrides)
        {
            var here = $"{path}.{key}";
            if (!template.TryGetPropertyValue(key, out var existing))
            {
                warnings.Add($"{here} is not a field of this event's fixture; it was added.");
                continue;
            }
            if (existing is JsonObject obj)
            {
                if (value is JsonObject childOverrides) Validate(obj, childOverrides, here, errors, warnings);
                else if (value is not null) errors.Add($"override {here} must be an object.");
            }
            else if (existing is JsonArray && value is not (JsonArray or null))
                errors.Add($"override {here} must be an array.");
        }
    }
}
