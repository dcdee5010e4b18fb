namespace MockWebex.Tunnel;

/// <summary>The last deliveries relayed to the app (200), for the local inspector and tests.</summary>
public sealed class RelayFeed
{
    private const int Capacity = 200;
    private readonly LinkedList<(long Id, CapturedDelivery Delivery, int Size, string EventName)> _recent = new();
    private long _lastId;

    /// <summary>Bodies are kept up to this size here (the capture file keeps them whole): 200 large deliveries would otherwise hold hundreds of MiB.</summary>
    public const int MaxBodyBytes = 64 * 1024;

    /// <param name="delivery">With its body cut to <see cref="MaxBodyBytes"/>.</param>
    /// <param name="size">The whole body's size.</param>
    public long Add(CapturedDelivery delivery, int size, string eventName)
    {
        long id;
        lock (_recent)
        {
            id = ++_lastId;
            _recent.AddFirst((id, delivery, size, eventName));
            while (_recent.Count > Capacity) _recent.RemoveLast();
        }
        return id;
    }

    /// <summary>Newest first.</summary>
    public IReadOnlyList<CapturedDelivery> Recent()
    {
        lock (_recent) return _recent.Select(e => e.Delivery).ToList();
    }

    public IReadOnlyList<RelayedDelivery> Summaries()
    {
        lock (_recent) return _recent.Select(e => RelayedDelivery.Of(e.Id, e.Delivery, e.Size, e.EventName)).ToList();
    }

    public CapturedDelivery? Find(long id)
    {
        lock (_recent) return _recent.FirstOrDefault(e => e.Id == id).Delivery;
    }
}
