using MockWebex.Delivery;
using MockWebex.Events;
using MockWebex.Storage;

namespace MockWebex.Admin;

/// <summary>
/// When a triggered event reached no webhook, why: the matcher's reason for each webhook that listens to
/// that resource and event (the same explanation as /explain), or that none listens at all. A trigger
/// that silently delivers nothing was the most common surprise for new users.
/// </summary>
public static class TriggerWarnings
{
    public static string NoDelivery(WebexEvent evt, IReadOnlyCollection<WebhookRecord> webhooks, Func<WebhookRecord, bool> ownerIsBot)
    {
        if (webhooks.Count == 0) return $"{evt.Name} reached no webhook: there are none (create one with POST /v1/webhooks)";
        var listening = webhooks
            .Select(w => (Webhook: w, Result: WebhookMatcher.Explain(w, evt, ownerIsBot(w))))
            .Where(x => x.Result.Checks.Where(c => c.Check is "resource" or "event").All(c => c.Passed))
            .ToList();
        if (listening.Count == 0)
            return $"{evt.Name} reached no webhook: none of the {webhooks.Count} webhook(s) listens to {evt.Resource}/{evt.Event}";
        var reasons = listening.Take(5).Select(x => $"'{x.Webhook.Name}': {x.Result.FailedReason}");
        var more = listening.Count > 5 ? $"; and {listening.Count - 5} more" : "";
        return $"{evt.Name} reached no webhook: {string.Join("; ", reasons)}{more} (GET /_emulator/webhooks/{{id}}/explain says more)";
    }
}
