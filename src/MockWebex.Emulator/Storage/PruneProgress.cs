namespace MockWebex.Storage;

/// <summary>
/// How far one retention round has read each kind, in resource-counter order: each part starts where the last one
/// stopped, so what is kept (made by API calls) is read once per round, not once per part.
/// </summary>
internal sealed class PruneProgress
{
    // Fields, not properties: Conversations.NextPart moves each one by ref.
    public long Rooms;
    public long Messages;
    public long Memberships;
    public long People;
}
