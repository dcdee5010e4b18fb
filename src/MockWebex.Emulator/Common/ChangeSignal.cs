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
}
