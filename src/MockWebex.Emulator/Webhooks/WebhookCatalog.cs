namespace MockWebex.Webhooks;

/// <summary>
/// Webex's resource → events → filter keys table (WEBEX-FACTS §4.2, §5.2). The single source of truth
/// for validation, fixtures, matching and the dashboard.
/// </summary>
public static class WebhookCatalog
{
    public const string All = "all";

    public sealed record ResourceInfo(string Name, IReadOnlyList<string> Events, IReadOnlyList<string> FilterKeys);

    private static readonly string[] Crud = ["created", "updated", "deleted"];
    private static readonly string[] MeetingsFamilyHostKeys = ["hostEmail", "hostUserId", "hostPersonId"];

    public static readonly IReadOnlyList<ResourceInfo> Resources =
    [
        new("attachmentActions", ["created"], ["messageId", "personId", "roomId"]),
        new("dataSources", Crud, ["id", "schemaId", "appId", "orgId"]),
        new("memberships", Crud, ["roomId", "personId", "personEmail", "isModerator"]),
        // messages:updated is not in the guide's table but the firehose covers it; accepted, UNCERTAIN (README).
        new("messages", Crud, ["roomId", "roomType", "personId", "personEmail", "mentionedPeople", "hasFiles", "hasAttachments"]),
        new("rooms", ["created", "updated", "migrated"], ["type", "isLocked"]),
        new("serviceApp", ["authorized", "deauthorized"], ["id", "friendlyName", "trainSiteNames", "adminTrainSiteNames"]),
        new("telephony_calls", Crud, ["personality", "state", "number", "personId", "callType"]),
        new("telephony_conference", Crud, []),
        new("telephony_mwi", ["updated"], []),
        new("meetings", ["created", "updated", "deleted", "started", "ended"], ["id", "meetingNumber", "meetingType", "state", "hostEmail", "hostUserId", "siteUrl"]),
        new("recordings", Crud, ["id", "meetingId", "scheduledMeetingId", "meetingSeriesId", "hostEmail", "hostUserId", "siteUrl"]),
        new("convergedRecordings", Crud, ["recordingId", "ownerId", "ownerEmail", "ownerType", "storageRegion", "serviceType", "locationId"]),
        new("meetingParticipants", ["joined", "left"], ["id", "meetingId", "state", "hostEmail", "hostPersonId", "siteUrl"]),
        new("meetingTranscripts", ["created"], ["id", "meetingId", "scheduledMeetingId", "meetingSeriesId", "hostEmail", "hostUserId", "siteUrl"]),
        new("uc_counters", ["updated"], ["clusterName", "hostName", "nodeType", "agentId"]),
        new("adminBatchJobs", ["statusChanged"], ["jobType"]),
    ];

    private static readonly Dictionary<string, ResourceInfo> ByName = Resources.ToDictionary(r => r.Name, StringComparer.Ordinal);

    /// <summary>Resources covered by `resource: all` (the firehose): memberships, messages and rooms only.</summary>
    public static readonly IReadOnlyList<string> FirehoseResources = ["memberships", "messages", "rooms"];

    /// <summary>Resources that accept `event: all`. telephony_calls is not documented but works in practice (§4.3).</summary>
    public static readonly IReadOnlyList<string> EventFirehoseResources = ["memberships", "messages", "rooms", "telephony_calls"];

    /// <summary>`event: all` covers created/updated/deleted only, never started/ended/joined/left/migrated.</summary>
    public static readonly IReadOnlyList<string> FirehoseEvents = Crud;

    public static readonly IReadOnlyList<string> AllEvents =
        ["created", "updated", "deleted", "started", "ended", "joined", "left", "migrated", "authorized", "deauthorized", "statusChanged"];

    public static ResourceInfo? Find(string resource) => ByName.GetValueOrDefault(resource);

    public static bool IsValidPair(string resource, string @event) => Find(resource)?.Events.Contains(@event) == true;

    public static IEnumerable<(string Resource, string Event)> AllPairs() =>
        Resources.SelectMany(r => r.Events.Select(e => (r.Name, e)));

    /// <summary>Filter keys that only org-wide webhooks may use (§5.1).</summary>
    public static bool NeedsOrgOwnership(string resource, string key) =>
        resource switch
        {
            "meetings" or "recordings" or "meetingParticipants" or "meetingTranscripts" => MeetingsFamilyHostKeys.Contains(key),
            "convergedRecordings" => key is "ownerEmail" or "ownerId",
            _ => false,
        };

    /// <summary>Filter keys allowed for a webhook; `rooms:migrated` takes none; the firehose takes its resources' keys.</summary>
    public static IReadOnlyList<string> FilterKeysFor(string resource, string @event)
    {
        if (resource == All)
            return FirehoseResources.SelectMany(r => ByName[r].FilterKeys).Distinct().ToArray();
        if (resource == "rooms" && @event == "migrated") return [];
        return Find(resource)?.FilterKeys ?? [];
    }
}
