namespace MockWebex.Tunnel;

/// <summary>A line of the inspector's list: what arrived and how the app answered, without the body (fetched per delivery).</summary>
public sealed record RelayedDelivery(long Id, DateTimeOffset Time, string Method, string Path, string EventName, int Status, double LatencyMs, bool? SignatureValid, int Size)
{
    public static RelayedDelivery Of(long id, CapturedDelivery d, int size, string eventName) =>
        new(id, d.Time, d.Method, d.Path, eventName, d.Status, d.LatencyMs, d.SignatureValid, size);
}
