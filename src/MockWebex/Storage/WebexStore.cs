using LiteDB;
using Microsoft.Extensions.Options;

namespace MockWebex.Storage;

/// <summary>
/// The only place that touches LiteDB. One LiteDatabase per file per process: a second instance
/// writing the same file corrupts it, so this is a singleton.
/// </summary>
public sealed class WebexStore : IDisposable
{
    private readonly LiteDatabase _db;
    private long _webhookSeq;

    public WebexStore(IOptions<StorageOptions> options)
    {
        var path = options.Value.Path;
        if (path != ":memory:")
        {
            var folder = Path.GetDirectoryName(Path.GetFullPath(path));
            if (folder is not null) Directory.CreateDirectory(folder);
        }
        var mapper = new BsonMapper();
        mapper.Entity<WebhookRecord>().Ignore(w => w.IsActive).Ignore(w => w.IsOrgWide);
        mapper.Entity<AttemptRecord>().Ignore(a => a.Succeeded);
        _db = path == ":memory:"
            ? new LiteDatabase(new MemoryStream(), mapper)
            : new LiteDatabase(new ConnectionString { Filename = path, Connection = ConnectionType.Direct }, mapper);

        Webhooks = _db.GetCollection<WebhookRecord>("webhooks");
        Webhooks.EnsureIndex(w => w.Seq, unique: true);
        Webhooks.EnsureIndex(w => w.CreatedBy);
        Webhooks.EnsureIndex(w => w.OrgId);
        _webhookSeq = Webhooks.Count() == 0 ? 0 : Webhooks.Max(w => w.Seq);

        Deliveries = _db.GetCollection<DeliveryRecord>("deliveries");
        Deliveries.EnsureIndex(d => d.WebhookId);
        Deliveries.EnsureIndex(d => d.Status);
    }

    /// <summary>Webhooks of every user, keyed by their Webex id.</summary>
    public ILiteCollection<WebhookRecord> Webhooks { get; }

    /// <summary>The outbox and delivery log in one: pending ones are still to send, the rest are history.</summary>
    public ILiteCollection<DeliveryRecord> Deliveries { get; }

    public long NextWebhookSeq() => Interlocked.Increment(ref _webhookSeq);

    /// <summary>Drops every collection's documents (the /_emulator/reset verb).</summary>
    public void Reset()
    {
        Webhooks.DeleteAll();
        Deliveries.DeleteAll();
        _webhookSeq = 0;
    }

    public void Dispose() => _db.Dispose();
}
