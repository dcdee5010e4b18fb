namespace MockWebex.Storage;

/// <summary>Every user's webhooks; WebhookService keeps them in memory and writes through to here.</summary>
public sealed class WebhookRepository(WebexStore store)
{
    public List<WebhookRecord> All() => store.Webhooks.FindAll().ToList();

    public void Insert(IEnumerable<WebhookRecord> webhooks) => store.Webhooks.InsertBulk(webhooks);

    public void Update(WebhookRecord webhook) => store.Webhooks.Update(webhook);

    public void Delete(WebhookRecord webhook) => store.Webhooks.Delete(webhook.Seq);
}
