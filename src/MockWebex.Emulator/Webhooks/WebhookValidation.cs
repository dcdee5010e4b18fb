using System.Text.Json.Nodes;
using MockWebex.Auth;
using MockWebex.Common;

namespace MockWebex.Webhooks;

/// <summary>
/// Validates POST/PUT bodies against Webex's rules. Returns (input, null) or (null, problem): a bad request
/// unless the problem says otherwise (a permission problem is a 403).
/// </summary>
public static class WebhookValidation
{
    public static (WebhookInput? Input, WebhookProblem? Error) ForCreate(JsonObject body, Identity caller)
    {
        if (!ReadCommon(body, out var name, out var targetUrl, out var secret, out var secretGiven, out var error)) return (null, error);
        if (!JsonRequest.TryGetString(body, "resource", out var resource, out error)) return (null, error);
        if (!JsonRequest.TryGetString(body, "event", out var @event, out error)) return (null, error);
        if (!JsonRequest.TryGetString(body, "filter", out var filter, out error)) return (null, error);
        if (!JsonRequest.TryGetString(body, "ownedBy", out var ownedBy, out error)) return (null, error);
        if (string.IsNullOrEmpty(resource)) return (null, "resource is required.");
        if (string.IsNullOrEmpty(@event)) return (null, "event is required.");

        ownedBy ??= "creator";
        if (ownedBy is not ("creator" or "org")) return (null, $"Invalid value for ownedBy: '{ownedBy}'. Allowed values: creator, org.");
        if (ownedBy == "org" && !caller.IsAdmin)
            return (null, new WebhookProblem("Creating an org-wide webhook (ownedBy=org) requires an administrator.", StatusCodes.Status403Forbidden));

        error = CheckResourceEvent(resource, @event) ?? CheckFilter(resource, @event, filter, ownedBy);
        if (error is not null) return (null, error);
        return (new WebhookInput(name!, targetUrl!, resource, @event, string.IsNullOrEmpty(filter) ? null : filter, secret, secretGiven, ownedBy, null), null);
    }

    /// <summary>PUT: name and targetUrl required; secret and status optional; every other field is ignored (the JS SDK sends the whole object).</summary>
    public static (WebhookInput? Input, WebhookProblem? Error) ForUpdate(JsonObject body)
    {
        if (!ReadCommon(body, out var name, out var targetUrl, out var secret, out var secretGiven, out var error)) return (null, error);
        if (!JsonRequest.TryGetString(body, "status", out var status, out error)) return (null, error);
        if (status is not null && status != "active")
            return (null, $"Invalid value for status: '{status}'. Only 'active' is allowed; this call can reactivate a webhook but not deactivate it.");
        return (new WebhookInput(name!, targetUrl!, null, null, null, secret, secretGiven, "creator", status), null);
    }

    private static bool ReadCommon(JsonObject body, out string? name, out string? targetUrl, out string? secret, out bool secretGiven, out string? error)
    {
        targetUrl = secret = null;
        secretGiven = body.ContainsKey("secret");
        if (!JsonRequest.TryGetString(body, "name", out name, out error)) return false;
        if (!JsonRequest.TryGetString(body, "targetUrl", out targetUrl, out error)) return false;
        if (!JsonRequest.TryGetString(body, "secret", out secret, out error)) return false;
        if (string.IsNullOrWhiteSpace(name)) { error = "name is required."; return false; }
        if (string.IsNullOrWhiteSpace(targetUrl)) { error = "targetUrl is required."; return false; }
        if (!Uri.TryCreate(targetUrl, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            error = $"Invalid targetUrl '{targetUrl}': it must be an absolute http or https URL.";
            return false;
        }
        return true;
    }

    public static string? CheckResourceEvent(string resource, string @event)
    {
        if (resource == WebhookCatalog.All)
        {
            return @event == WebhookCatalog.All || WebhookCatalog.FirehoseEvents.Contains(@event)
                ? null
                : $"Invalid event '{@event}' for resource 'all'. The firehose covers: all, {string.Join(", ", WebhookCatalog.FirehoseEvents)}.";
        }
        var info = WebhookCatalog.Find(resource);
        if (info is null)
            return $"Invalid resource '{resource}'. Allowed values: all, {string.Join(", ", WebhookCatalog.Resources.Select(r => r.Name))}.";
        if (@event == WebhookCatalog.All)
        {
            return WebhookCatalog.EventFirehoseResources.Contains(resource)
                ? null
                : $"Event 'all' is not supported for resource '{resource}'. Firehose webhooks exist for: {string.Join(", ", WebhookCatalog.EventFirehoseResources)}.";
        }
        return info.Events.Contains(@event)
            ? null
            : $"Invalid event '{@event}' for resource '{resource}'. Allowed values: {string.Join(", ", info.Events)}.";
    }

    public static string? CheckFilter(string resource, string @event, string? filter, string ownedBy)
    {
        var parsed = WebhookFilter.TryParse(filter, out var error);
        if (parsed is null) return error;
        var allowed = WebhookCatalog.FilterKeysFor(resource, @event);
        foreach (var (key, _) in parsed.Terms)
        {
            if (!allowed.Contains(key))
            {
                return allowed.Count == 0
                    ? $"invalid value for filter: {key}. Resource '{resource}' with event '{@event}' does not support filters."
                    : $"invalid value for filter: {key}. Allowed filter keys for '{resource}': {string.Join(", ", allowed)}.";
            }
            if (WebhookCatalog.NeedsOrgOwnership(resource, key) && ownedBy != "org")
                return $"invalid value for filter: {key}. The {key} filter requires ownedBy=org.";
        }
        return null;
    }
}
