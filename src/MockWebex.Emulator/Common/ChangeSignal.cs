namespace MockWebex.Common;

/// <summary>
/// A version number that moves on every change, and a task that completes at the next one: a waiter
/// reads <see cref="Version"/>, checks its condition, and waits for a later version only if it does not
/// hold yet, so no change between the check and the wait is missed and nothing polls on a timer.
/// </summary>
public sealed class ChangeSignal
{
    private readonly Lock _gate = new();
    private TaskCompletionSource _next = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _version;

    public long Version => Interlocked.Read(ref _version);

    public void Notify()
    {
        TaskCompletionSource changed;
        lock (_gate)
        {
            _version++;
            changed = _next;
            _next = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
        changed.TrySetResult();
    }

    /// <summary>Completes once the version is past <paramref name="seen"/> (at once if it already is).</summary>
    public Task WaitForChangeAsync(long seen, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return _version > seen ? Task.CompletedTask : _next.Task.WaitAsync(cancellationToken);
        }
    }

    /// <summary>
    /// Reads until <paramref name="done"/> holds, waiting for a change between reads (the version is noted before each
    /// read, so a change during it is not missed); after <paramref name="timeout"/>, a TimeoutException saying what was last read.
    /// </summary>
    public async Task<T> WaitUntilAsync<T>(Func<Task<T>> read, Func<T, bool> done, TimeSpan timeout, Func<T, string> describe)
    {
        using var deadline = new CancellationTokenSource(timeout);
        while (true)
        {
            var seen = Version;
            var value = await read();
            if (done(value)) return value;
            try
            {
                await WaitForChangeAsync(seen, deadline.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException(describe(value));
            }
        }
    }
}
