namespace MockWebex.Storage;

/// <summary>
/// How far retention rounds have read each kind, in resource-counter order: each part starts where the last one
/// stopped, and each round where the last round stopped, so what is kept (made by API calls) is read once.
/// </summary>
internal sealed class PruneProgress
{
    // Fields, not properties: Conversations.NextPart moves each one by ref.
    public long Rooms;
    public long Messages;
    public long Memberships;
    public long People;

    public PruneProgress Copy() => (PruneProgress)MemberwiseClone();
}
