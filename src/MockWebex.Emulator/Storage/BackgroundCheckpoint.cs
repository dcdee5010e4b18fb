using System.Threading.Channels;

namespace MockWebex.Storage;

/// <summary>
/// Copies LiteDB's write-ahead log into the data file on a thread of its own. LiteDB does it inside the commit that
/// grows the log past its limit (1,000 pages by default): that request waited 10–17 ms (copying ≈ 8 MiB), the p99 of a
/// triggered event's delivery. Here the commit only signals, and the copy runs beside the request instead of inside it
/// (it still holds the store's lock while it copies, so a smaller limit means shorter waits: Storage:CheckpointPages).
/// The log stream reports its length after each write (<see cref="LogLengthIs"/>); a copy that could not run (a reader
/// was open) is tried again at the next write past the limit.
/// </summary>
/// <param name="limitPages">Storage:CheckpointPages.</param>
internal sealed class BackgroundCheckpoint(int limitPages) : IDisposable
{
    /// <summary>LiteDB's default for pragma CHECKPOINT, which the file's header gets back on close.</summary>
    public const int LiteDbDefaultPages = 1000;

    private readonly long _limitBytes = limitPages * 8192L;

    // One slot: however many writes pass the limit before the copy starts, one copy follows; completed on Dispose, so
    // writes while the store closes (it sets LiteDB's pragma back) signal no one.
    private readonly Channel<bool> _due = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private Task _loop = Task.CompletedTask;

    /// <summary>Starts copying, with <paramref name="checkpoint"/>, whenever the log has passed the limit.</summary>
    public void Start(Action checkpoint) => _loop = Task.Run(() => RunAsync(checkpoint));

    public void LogLengthIs(long length)
    {
        if (length > _limitBytes) _due.Writer.TryWrite(true);
    }

    private async Task RunAsync(Action checkpoint)
    {
        await foreach (var _ in _due.Reader.ReadAllAsync())
        {
            try
            {
                checkpoint();
            }
            catch (Exception)
            {
                // Whatever failed, the log stays as it is and is copied at the next signal or on close; a store that cannot
                // write answers its requests (and /healthz) with the error itself. The thread must live on to copy later.
            }
        }
    }

    /// <summary>Stops the thread, after the copy under way or due if there is one (closing the store copies the rest).</summary>
    public void Dispose()
    {
        _due.Writer.TryComplete();
        _loop.Wait();
    }
}
