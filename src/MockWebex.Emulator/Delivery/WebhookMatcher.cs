using System.Text.Json;
using System.Text.Json.Nodes;
using MockWebex.Events;
using MockWebex.Storage;
using MockWebex.Webhooks;

using MockWebex.Resources;

namespace MockWebex.Delivery;

/// <summary>
/// Decides whether an event reaches a webhook, and says why. Pure: the same code drives delivery
/// and the /_emulator explain endpoint, so the explanation can never disagree with what happens.
/// </summary>
public static class WebhookMatcher
{
    public static bool Matches(WebhookRecord webhook, WebexEvent evt, bool ownerIsBot = false) =>
        Explain(webhook, evt, ownerIsBot).Matches;

    public static MatchResult Explain(WebhookRecord webhook, WebexEvent evt, bool ownerIsBot = false)
    {
        var checks = new List<MatchCheck>
        {
            new("status", webhook.IsActive, webhook.IsActive ? "webhook is active" : "webhook is inactive: deliveries stop until PUT status=active"),
            CheckResource(webhook, evt),
            CheckEvent(webhook, evt),
            CheckVisibility(webhook, evt, ownerIsBot),
        };
        var filter = WebhookFilter.TryParse(webhook.Filter, out _) ?? WebhookFilter.None;
        checks.AddRange(filter.Terms.Select(term => CheckTerm(webhook, evt, term.Key, term.Value)));
        return new MatchResult(checks.TrueForAll(c => c.Passed), checks);
    }

    private static MatchCheck CheckResource(WebhookRecord webhook, WebexEvent evt)
    {
        if (webhook.Resource == WebhookCatalog.All)
        {
            var covered = WebhookCatalog.FirehoseResources.Contains(evt.Resource);
            return new("resource", covered, covered
                ? $"firehose resource 'all' covers {evt.Resource}"
                : $"firehose resource 'all' covers only {string.Join(", ", WebhookCatalog.FirehoseResources)}, not {evt.Resource}");
        }
        var same = webhook.Resource == evt.Resource;
        return new("resource", same, same ? $"resource {evt.Resource}" : $"webhook resource is {webhook.Resource}, event resource is {evt.Resource}");
    }

    private static MatchCheck CheckEvent(WebhookRecord webhook, WebexEvent evt)
    {
        if (webhook.Event == WebhookCatalog.All)
        {
            var covered = WebhookCatalog.FirehoseEvents.Contains(evt.Event);
            return new("event", covered, covered
                ? $"event 'all' covers {evt.Event}"
                : $"event 'all' covers only created, updated, deleted, not {evt.Event}");
        }
        var same = webhook.Event == evt.Event;
        return new("event", same, same ? $"event {evt.Event}" : $"webhook event is {webhook.Event}, event is {evt.Event}");
    }

    private static MatchCheck CheckVisibility(WebhookRecord webhook, WebexEvent evt, bool ownerIsBot)
    {
        if (webhook.IsOrgWide)
        {
            var sameOrg = evt.OrgId is null || evt.OrgId == webhook.OrgId;
            return new("visibility", sameOrg, sameOrg ? "org-wide webhook sees every event of its org" : "event belongs to another org");
        }
        if (evt.VisibleTo is not null && !evt.VisibleTo.Contains(webhook.CreatedBy))
            return new("visibility", false, "the webhook's owner cannot see this event (not a member of its room)");
        // Delivery follows membership, not the actor's org: whoever an event mentions is in its room.
        if (evt.VisibleTo is null && evt.OrgId is not null && evt.OrgId != webhook.OrgId && evt.MentionedPeople?.Contains(webhook.CreatedBy) != true)
            return new("visibility", false, "event belongs to another org, in a room the webhook's owner is not in (name the room with data.roomId, or mention them)");
        if (evt.Resource == "messages" && !MessageVisibility.MemberMaySee(ownerIsBot, webhook.CreatedBy, evt.IsGroupRoom, evt.ActorId, evt.MentionedPeople))
            return new("visibility", false, "bots only receive group-room messages that mention them");
        return new("visibility", true, "the webhook's owner can see this event");
    }

    private static MatchCheck CheckTerm(WebhookRecord webhook, WebexEvent evt, string key, string expected)
    {
        var label = $"filter {key}={expected}";
        var actual = evt.FilterOnly?[key] ?? Lookup(evt.Data, key);
        if (actual is null) return new(label, false, $"{label}: event data has no {key}");

        if (key == "mentionedPeople")
        {
            var wanted = expected.Split(',').Select(v => v == "me" ? webhook.CreatedBy : v).ToHashSet();
            var mentioned = Values(actual).ToList();
            var hit = mentioned.Any(wanted.Contains);
            return new(label, hit, hit ? $"{label}: mentioned" : $"{label}: mentionedPeople is [{string.Join(", ", mentioned)}]");
        }
        var values = Values(actual).ToList();
        var comparison = key.Contains("Email", StringComparison.Ordinal) ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
        var ok = values.Any(v => string.Equals(v, expected, comparison)
            || (bool.TryParse(v, out var b) && bool.TryParse(expected, out var e) && b == e));
        return new(label, ok, ok ? $"{label}: matches" : $"{label}: event has {key}={string.Join(",", values)}");
    }

    /// <summary>The data value a filter key compares with; some keys are derived (hasFiles) or nested (remoteParty.number).</summary>
    internal static JsonNode? Lookup(JsonObject data, string key) => key switch
    {
        "hasFiles" => data["hasFiles"] ?? JsonValue.Create(data["files"] is JsonArray { Count: > 0 }),
        "hasAttachments" => data["hasAttachments"] ?? JsonValue.Create(data["attachments"] is JsonArray { Count: > 0 }),
        "mentionedPeople" => data["mentionedPeople"] ?? new JsonArray(),
        "hostPersonId" => data["hostPersonId"] ?? data["hostUserId"],
        "friendlyName" => data["friendlyName"] ?? data["friendlyId"],
        "number" => data["number"] ?? data["remoteParty"]?["number"],
        "callType" => data["callType"] ?? data["remoteParty"]?["callType"],
        _ => data[key],
    };

    private static IEnumerable<string> Values(JsonNode node) => node switch
    {
        JsonArray array => array.Where(i => i is not null).SelectMany(i => Values(i!)),
        JsonValue value => [Scalar(value)],
        _ => [node.ToJsonString()],
    };

    private static string Scalar(JsonValue value) => value.GetValueKind() switch
    {
        JsonValueKind.String => value.GetValue<string>(),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        JsonValueKind.Number => value.ToJsonString(),
        _ => value.ToJsonString(),
    };
}
