namespace MockWebex.Storage;

/// <summary>
/// Copies LiteDB's write-ahead log into the data file on a thread of its own. LiteDB does it inside the commit that
/// grows the log past its limit (1,000 pages by default): that request waited 10–17 ms (copying ≈ 8 MiB), the p99 of a
/// triggered event's delivery. Here the commit only signals, and the copy runs beside the request instead of inside it
/// (it still holds the store's lock while it copies, so a smaller limit means shorter waits: Storage:CheckpointPages). The log stream reports its length after each write (<see cref="LogLengthIs"/>);
/// a copy that could not run (a reader was open) is tried again at the next write past the limit.
/// </summary>
/// <param name="limitPages">Storage:CheckpointPages.</param>
internal sealed class BackgroundCheckpoint(int limitPages) : IDisposable
{
    /// <summary>LiteDB's default for pragma CHECKPOINT, which the file's header gets back on close.</summary>
    public const int LiteDbDefaultPages = 1000;

    private readonly long _limitBytes = limitPages * 8192L;

    private readonly SemaphoreSlim _due = new(0, 1);
    private readonly CancellationTokenSource _stopping = new();
    private Task _loop = Task.CompletedTask;
    private int _signalled;

    /// <summary>Starts copying, with <paramref name="checkpoint"/>, whenever the log has passed the limit.</summary>
    public void Start(Action checkpoint) => _loop = Task.Run(() => RunAsync(checkpoint));

    public void LogLengthIs(long length)
    {
        if (length > _limitBytes && Interlocked.Exchange(ref _signalled, 1) == 0) _due.Release();
    }

    private async Task RunAsync(Action checkpoint)
    {
        while (true)
        {
            try
            {
                await _due.WaitAsync(_stopping.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            try
            {
                checkpoint();
            }
            catch (Exception)
            {
                // Whatever failed, the log stays as it is and is copied at the next signal or on close; a store that cannot
                // write answers its requests (and /healthz) with the error itself. The thread must live on to copy later.
            }
            finally
            {
                Volatile.Write(ref _signalled, 0);
            }
        }
    }

    /// <summary>Stops the thread, after the copy under way if there is one (closing the store copies the rest).</summary>
    public void Dispose()
    {
        _stopping.Cancel();
        _loop.Wait();
        _stopping.Dispose();
        // Writes while the store closes (it sets LiteDB's pragma back) still report the log's length: they signal no one.
        // The semaphore is left to the GC for the same reason (nothing waits on its handle).
        Volatile.Write(ref _signalled, 1);
    }
}
