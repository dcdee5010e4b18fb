namespace MockWebex.Storage;

public static class DeliveryStatus
{
    public const string Pending = "pending";
    public const string Succeeded = "succeeded";
    public const string Failed = "failed";
    /// <summary>Not sent: the webhook was deleted or went inactive before its turn.</summary>
    public const string Dropped = "dropped";
}
