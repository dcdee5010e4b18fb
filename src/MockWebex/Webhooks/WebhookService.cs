using MockWebex.Auth;
using MockWebex.Common;
using MockWebex.Delivery;
using MockWebex.Storage;

namespace MockWebex.Webhooks;

/// <summary>Webhook lifecycle and who may see what: creators see their own; admins also see their org's org-wide webhooks.</summary>
public sealed class WebhookService(WebexStore store, FailureTracker failures, TimeProvider clock)
{
    // Serialises read-modify-write of a webhook between API updates and the delivery worker disabling it.
    private readonly Lock _gate = new();

    public static bool CanSee(Identity caller, WebhookRecord webhook) =>
        webhook.CreatedBy == caller.PersonId || (webhook.IsOrgWide && caller.IsAdmin && webhook.OrgId == caller.OrgId);

    public WebhookRecord? Get(Identity caller, string id)
    {
        var webhook = store.Webhooks.FindById(id);
        return webhook is not null && CanSee(caller, webhook) ? webhook : null;
    }

    public WebhookRecord Create(Identity caller, WebhookInput input)
    {
        var webhook = new WebhookRecord
        {
            Id = WebexIds.New("WEBHOOK"),
            Seq = store.NextWebhookSeq(),
            Name = input.Name,
            TargetUrl = input.TargetUrl,
            Resource = input.Resource!,
            Event = input.Event!,
            Filter = input.Filter,
            Secret = string.IsNullOrEmpty(input.Secret) ? null : input.Secret,
            OrgId = caller.OrgId,
            CreatedBy = caller.PersonId,
            AppId = caller.AppId,
            OwnedBy = input.OwnedBy,
            Status = "active",
            Created = WebexTime.Now(clock),
        };
        store.Webhooks.Insert(webhook);
        return webhook;
    }

    /// <summary>Updates name, targetUrl, secret and (re)activation only; a missing secret keeps the old one, an empty one clears it.</summary>
    public WebhookRecord Update(WebhookRecord current, WebhookInput input)
    {
        lock (_gate)
        {
            var webhook = store.Webhooks.FindById(current.Id) ?? current;
            Apply(webhook, input);
            store.Webhooks.Update(webhook);
            return webhook;
        }
    }

    private void Apply(WebhookRecord webhook, WebhookInput input)
    {
        webhook.Name = input.Name;
        webhook.TargetUrl = input.TargetUrl;
        if (input.SecretGiven) webhook.Secret = string.IsNullOrEmpty(input.Secret) ? null : input.Secret;
        if (input.Status == "active") Activate(webhook);
    }

    /// <summary>The dashboard's reactivate button: the same rule as PUT status=active.</summary>
    public WebhookRecord? Reactivate(string id)
    {
        lock (_gate)
        {
            var webhook = store.Webhooks.FindById(id);
            if (webhook is null) return null;
            Activate(webhook);
            store.Webhooks.Update(webhook);
            return webhook;
        }
    }

    /// <summary>Re-enables an inactive webhook, with probation when it was disabled less than one window ago.</summary>
    private void Activate(WebhookRecord webhook)
    {
        if (webhook.IsActive) return;
        webhook.Status = "active";
        webhook.ProbationUntil = failures.ProbationAfterReactivation(webhook.DisabledAt, clock.GetUtcNow());
        failures.Reset(webhook.Id);
    }

    public IEnumerable<WebhookRecord> All() => store.Webhooks.Query().OrderBy(w => w.Seq).ToEnumerable();

    public void Delete(WebhookRecord webhook)
    {
        store.Webhooks.Delete(webhook.Id);
        failures.Reset(webhook.Id);
    }

    /// <summary>One page of the caller's webhooks after the cursor (a Seq), in creation order.</summary>
    public (List<WebhookRecord> Page, bool More) List(Identity caller, bool orgOnly, bool creatorOnly, long afterSeq, int max)
    {
        var visible = store.Webhooks.Query()
            .Where(w => w.Seq > afterSeq && (w.CreatedBy == caller.PersonId || (w.OwnedBy == "org" && w.OrgId == caller.OrgId)))
            .OrderBy(w => w.Seq)
            .ToEnumerable()
            .Where(w => CanSee(caller, w) && (!orgOnly || w.IsOrgWide) && (!creatorOnly || !w.IsOrgWide));
        var page = visible.Take(max + 1).ToList();
        var more = page.Count > max;
        if (more) page.RemoveAt(max);
        return (page, more);
    }

    /// <summary>Marks a webhook inactive after too many failed deliveries.</summary>
    public void Disable(string id, DateTimeOffset now)
    {
        lock (_gate)
        {
            var webhook = store.Webhooks.FindById(id);
            if (webhook is null || !webhook.IsActive) return;
            webhook.Status = "inactive";
            webhook.DisabledAt = now;
            webhook.ProbationUntil = null;
            store.Webhooks.Update(webhook);
        }
    }
}
