using LiteDB;

namespace MockWebex.Storage;

/// <summary>
/// One event on its way to one webhook. Stored as pending before it is sent, so a crash between
/// store and send loses nothing: pending deliveries are sent after restart.
/// </summary>
public sealed class DeliveryRecord
{
    /// <summary>Auto-incremented by LiteDB; also the send order.</summary>
    [BsonId(true)] public long Id { get; set; }
    public string WebhookId { get; set; } = "";
    public string EventId { get; set; } = "";
    public string Resource { get; set; } = "";
    public string Event { get; set; } = "";
    /// <summary>The exact JSON bytes sent (as UTF-8 text); redelivery sends them again.</summary>
    public string Body { get; set; } = "";
    public string Status { get; set; } = DeliveryStatus.Pending;
    public string Created { get; set; } = "";
    public long? RedeliveryOf { get; set; }
    public List<AttemptRecord> Attempts { get; set; } = [];
    /// <summary>Not sent before this time (a trigger asked for a late delivery); null = at once.</summary>
    public string? NotBefore { get; set; }
    /// <summary>What a trigger's delivery faults did to it ("duplicate", "delayed 3000 ms", "out of order"); null for a plain delivery.</summary>
    public string? Fault { get; set; }

    /// <summary>A copy for the background log writer, so later attempts cannot change it mid-write.</summary>
    public DeliveryRecord Snapshot()
    {
        var copy = (DeliveryRecord)MemberwiseClone();
        copy.Attempts = [.. Attempts];
        return copy;
    }
}
