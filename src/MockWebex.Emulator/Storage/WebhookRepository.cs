namespace MockWebex.Storage;

/// <summary>Every user's webhooks; WebhookService keeps them in memory and writes through to here.</summary>
public sealed class WebhookRepository(WebexStore store)
{
    public List<WebhookRecord> All() => store.Webhooks.FindAll().ToList();

    public void Insert(IEnumerable<WebhookRecord> webhooks) => store.Webhooks.InsertBulk(webhooks);

    /// <summary>False when the webhook is no longer stored (deleted, or the store reset).</summary>
    public bool Update(WebhookRecord webhook) => store.Webhooks.Update(webhook);

    public bool Exists(WebhookRecord webhook) => store.Webhooks.FindById(webhook.Seq) is not null;

    public void Delete(WebhookRecord webhook) => store.Webhooks.Delete(webhook.Seq);
}
