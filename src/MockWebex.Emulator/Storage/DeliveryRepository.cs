using MockWebex.Common;

namespace MockWebex.Storage;

/// <summary>The outbox and delivery log in one collection: pending deliveries are still to send, the rest are history.</summary>
public sealed class DeliveryRepository(WebexStore store)
{
    /// <summary>
    /// Moves after every committed change to the deliveries (queued, results written, pruned): what tests and tools
    /// wait on. Inside a command it moves when the command commits, so a waiter never reads the state before it.
    /// </summary>
    public ChangeSignal Changed { get; } = new();

    private void Notify() => store.AfterCommit(Changed.Notify);

    public DeliveryRecord? Find(long id) => store.Deliveries.FindById(id);

    /// <summary>Newest first, optionally of one webhook, status or resource.event.</summary>
    public IEnumerable<DeliveryRecord> Query(string? webhookId, string? status, int limit, string? resource = null, string? @event = null) =>
        store.Deliveries.Query()
            .Where(d => (webhookId == null || d.WebhookId == webhookId) && (status == null || d.Status == status)
                && (resource == null || d.Resource == resource) && (@event == null || d.Event == @event))
            .OrderByDescending(d => d.Id)
            .Limit(limit)
            .ToEnumerable();

    /// <summary>Every delivery still to send, oldest first.</summary>
    public List<DeliveryRecord> Pending() => store.Deliveries.Find(d => d.Status == DeliveryStatus.Pending).OrderBy(d => d.Id).ToList();

    /// <summary>Stores new deliveries; their ids are set on the records.</summary>
    public void Insert(IEnumerable<DeliveryRecord> deliveries)
    {
        store.Deliveries.InsertBulk(deliveries);
        Notify();
    }

    public void Update(IEnumerable<DeliveryRecord> deliveries)
    {
        store.Deliveries.Update(deliveries);
        Notify();
    }

    /// <summary>
    /// Deletes the finished deliveries older than the newest <paramref name="keep"/> ids; pending ones are never deleted.
    /// Ids are handed out one after another and only old deliveries are ever deleted, so that is the newest
    /// <paramref name="keep"/> deliveries, a few fewer only when pending ones among them expired (PendingMaxAge).
    /// </summary>
    public void DeleteFinishedBeyond(int keep)
    {
        // The cutoff comes from the newest id, the last entry of the _id index. Skipping `keep` entries down that index
        // (as before 2026-12-01) walked the whole kept log on every prune: 4.5–7.5 ms per 10,000 kept, once a
        // retention round and once per LogRetention/10 results written.
        var cutoff = store.Deliveries.Query().OrderByDescending(d => d.Id).Select(d => d.Id).Limit(1).FirstOrDefault() - keep;
        if (cutoff <= 0) return;
        store.Deliveries.DeleteMany(d => d.Id <= cutoff && d.Status != DeliveryStatus.Pending);
        Notify();
    }

    /// <summary>
    /// Drops pending deliveries created before <paramref name="createdBefore"/> (a Webex timestamp) among those with an id
    /// after <paramref name="afterId"/>. Returns how many it dropped and read, and the last id it read: every delivery up to that one was created
    /// before the cutoff and is now finished or dropped, and a finished delivery never becomes pending again (a resend
    /// is a new delivery), so the next call can start after it.
    /// </summary>
    public (int Dropped, int Read, long ReadTo) DeletePendingCreatedBefore(string createdBefore, long afterId = 0)
    {
        // Timestamps are ISO strings of one format, so they compare as text; ids grow with time, so only the oldest
        // entries are read, up to the first one young enough.
        var old = store.Deliveries.Query().Where(Filters.Greater("_id", afterId)).OrderBy(d => d.Id).ToEnumerable()
            .TakeWhile(d => string.CompareOrdinal(d.Created, createdBefore) < 0)
            .Select(d => (d.Id, d.Status))
            .ToList();
        var expired = old.Where(d => d.Status == DeliveryStatus.Pending).Select(d => new LiteDB.BsonValue(d.Id)).ToList();
        var dropped = expired.Count == 0 ? 0 : store.Deliveries.DeleteMany(Filters.In("_id", expired));
        if (dropped > 0) Notify();
        return (dropped, old.Count, old.Count == 0 ? afterId : old[^1].Id);
    }
}
