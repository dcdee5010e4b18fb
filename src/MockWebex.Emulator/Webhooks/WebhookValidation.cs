using MockWebex.Auth;
using MockWebex.Common;

namespace MockWebex.Webhooks;

/// <summary>
/// Validates POST/PUT bodies against Webex's rules. Returns (input, null) or (null, problem): a bad request
/// unless the problem says otherwise (a permission problem is a 403).
/// </summary>
public static class WebhookValidation
{
    public static (WebhookInput? Input, WebexProblem? Error) ForCreate(CreateWebhookRequest request, Identity caller)
    {
        if (CheckCommon(request.Name, request.TargetUrl) is { } error) return (null, error);
        if (string.IsNullOrEmpty(request.Resource)) return (null, "resource is required.");
        if (string.IsNullOrEmpty(request.Event)) return (null, "event is required.");

        var ownedBy = request.OwnedBy ?? "creator";
        if (ownedBy is not ("creator" or "org")) return (null, $"Invalid value for ownedBy: '{ownedBy}'. Allowed values: creator, org.");
        if (ownedBy == "org" && !caller.IsAdmin)
            return (null, WebexProblem.Forbidden("Creating an org-wide webhook (ownedBy=org) requires an administrator."));

        if ((CheckResourceEvent(request.Resource, request.Event) ?? CheckFilter(request.Resource, request.Event, request.Filter, ownedBy)) is { } invalid) return (null, invalid);
        return (new WebhookInput(request.Name!, request.TargetUrl!, request.Resource, request.Event, string.IsNullOrEmpty(request.Filter) ? null : request.Filter,
            request.Secret, request.SecretGiven, ownedBy, null), null);
    }

    /// <summary>PUT: name and targetUrl required; secret and status optional; every other field is ignored (the JS SDK sends the whole object).</summary>
    public static (WebhookInput? Input, WebexProblem? Error) ForUpdate(UpdateWebhookRequest request)
    {
        if (CheckCommon(request.Name, request.TargetUrl) is { } error) return (null, error);
        if (request.Status is not null && request.Status != "active")
            return (null, $"Invalid value for status: '{request.Status}'. Only 'active' is allowed; this call can reactivate a webhook but not deactivate it.");
        return (new WebhookInput(request.Name!, request.TargetUrl!, null, null, null, request.Secret, request.SecretGiven, "creator", request.Status), null);
    }

    private static string? CheckCommon(string? name, string? targetUrl)
    {
        if (string.IsNullOrWhiteSpace(name)) return "name is required.";
        if (string.IsNullOrWhiteSpace(targetUrl)) return "targetUrl is required.";
        if (!Uri.TryCreate(targetUrl, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            return $"Invalid targetUrl '{targetUrl}': it must be an absolute http or https URL.";
        return null;
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
