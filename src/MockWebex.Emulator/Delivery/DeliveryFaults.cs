namespace MockWebex.Delivery;

/// <summary>
/// A trigger's "delivery" faults, as real webhooks misbehave: each delivery sent <paramref name="Duplicates"/> more
/// times (same event id), sent <paramref name="DelayMs"/> late (on the emulator clock), or the batch sent to each
/// webhook in shuffled order.
/// </summary>
public sealed record DeliveryFaults(int Duplicates = 0, int DelayMs = 0, bool OutOfOrder = false)
{
    public string? Problem() =>
        Duplicates is < 0 or > 10 ? "delivery.duplicates must be between 0 and 10."
        : DelayMs is < 0 or > 3_600_000 ? "delivery.delayMs must be between 0 and 3600000."
        : null;
}
