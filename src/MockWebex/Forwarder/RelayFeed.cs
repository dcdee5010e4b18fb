namespace MockWebex.Forwarder;

/// <summary>The last deliveries relayed to the app (200), for the local inspector and tests.</summary>
public sealed class RelayFeed
{
    private const int Capacity = 200;
    private readonly LinkedList<(long Id, CapturedDelivery Delivery, int Size)> _recent = new();
    private long _lastId;

    public event Action<CapturedDelivery>? Added;

    /// <summary>Bodies above this are kept cut short here (the capture file keeps them whole): 200 large deliveries would otherwise hold hundreds of MiB.</summary>
    public const int MaxBodyChars = 64 * 1024;

    public long Add(CapturedDelivery delivery, int size)
    {
        long id;
        if (delivery.Body is { Length: > MaxBodyChars } text)
            delivery = delivery with { Body = text[..MaxBodyChars] + $"… ({size:N0} bytes in all)" };
        else if (delivery.BodyBase64 is { Length: > MaxBodyChars } encoded)
            delivery = delivery with { BodyBase64 = encoded[..MaxBodyChars] };
        lock (_recent)
        {
            id = ++_lastId;
            _recent.AddFirst((id, delivery, size));
            while (_recent.Count > Capacity) _recent.RemoveLast();
        }
        Added?.Invoke(delivery);
        return id;
    }

    /// <summary>Newest first.</summary>
    public IReadOnlyList<CapturedDelivery> Recent()
    {
        lock (_recent) return _recent.Select(e => e.Delivery).ToList();
    }

    public IReadOnlyList<RelayedDelivery> Summaries()
    {
        lock (_recent) return _recent.Select(e => RelayedDelivery.Of(e.Id, e.Delivery, e.Size)).ToList();
    }

    public CapturedDelivery? Find(long id)
    {
        lock (_recent) return _recent.FirstOrDefault(e => e.Id == id).Delivery;
    }
}
