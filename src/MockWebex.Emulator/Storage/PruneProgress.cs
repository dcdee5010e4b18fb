namespace MockWebex.Storage;

/// <summary>
/// How far one retention round has read each kind, in resource-counter order: each part starts where the last one
/// stopped, so what is kept (made by API calls) is read once per round, not once per part.
/// </summary>
internal sealed class PruneProgress
{
    public long Rooms { get; set; }
    public long Messages { get; set; }
    public long Memberships { get; set; }
    public long People { get; set; }
}
