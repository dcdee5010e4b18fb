using MockWebex.Storage;

namespace MockWebex.Tests.Unit;

public sealed class GroupCommitTests
{
    [Fact]
    public async Task WritersQueuedDuringACommit_ShareTheNextBatch()
    {
        var batches = new List<IReadOnlyList<int>>();
        using var entered = new ManualResetEventSlim();
        using var release = new ManualResetEventSlim();
        var commit = new GroupCommit<int>(batch =>
        {
            lock (batches) batches.Add(batch);
            entered.Set();
            if (batch[0] == 0) release.Wait(TimeSpan.FromSeconds(10));
        });

        var first = Task.Run(() => commit.WriteAsync(0));
        Assert.True(entered.Wait(TimeSpan.FromSeconds(10)));
        var queued = Enumerable.Range(1, 49).Select(commit.WriteAsync).ToList();
        release.Set();
        await first;
        await Task.WhenAll(queued);

        Assert.Equal([1, 49], batches.Select(b => b.Count));
        Assert.Equal(Enumerable.Range(1, 49), batches[1]);
    }

    [Fact]
    public async Task FailedCommit_EveryWriterInTheBatchSeesTheError()
    {
        var commit = new GroupCommit<int>(_ => throw new IOException("disk full"));
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => commit.WriteAsync(1));
        Assert.IsType<IOException>(error.InnerException);
    }
}
