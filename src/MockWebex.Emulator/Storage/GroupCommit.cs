namespace MockWebex.Storage;

/// <summary>
/// Group commit: writers queue their item and take turns at one lock; whoever holds it writes every
/// queued item in one batch (one LiteDB transaction), so concurrent writers share a commit instead of
/// queueing behind one commit each. Each caller returns once its own item is durable.
/// </summary>
public sealed class GroupCommit<T>(Action<IReadOnlyList<T>> writeBatch)
{
    private sealed class Pending(T item)
    {
        public T Item { get; } = item;
        public bool Written { get; set; }
        public Exception? Error { get; set; }
    }

    private readonly System.Collections.Concurrent.ConcurrentQueue<Pending> _queue = new();
    private readonly SemaphoreSlim _turn = new(1, 1);

    public async Task WriteAsync(T item)
    {
        var mine = new Pending(item);
        _queue.Enqueue(mine);
        await _turn.WaitAsync();
        try
        {
            if (!mine.Written) Flush();
        }
        finally
        {
            _turn.Release();
        }
        if (mine.Error is not null) throw new InvalidOperationException("Writing to LiteDB failed.", mine.Error);
    }

    private void Flush()
    {
        var batch = new List<Pending>();
        while (_queue.TryDequeue(out var pending)) batch.Add(pending);
        try
        {
            writeBatch(batch.Select(p => p.Item).ToList());
        }
        catch (Exception e)
        {
            foreach (var pending in batch) pending.Error = e;
        }
        foreach (var pending in batch) pending.Written = true;
    }
}
