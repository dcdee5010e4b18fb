using System.Diagnostics;
using System.Threading.Channels;

namespace MockWebex.Verify;

/// <summary>
/// The calls of one token, in the order they were answered, each timed at its arrival. Timed on the real clock on purpose: a receiver waits out
/// Retry-After in real seconds even when the emulator's clock is virtual.
/// </summary>
public sealed class ApiCallWatcher(Action stop) : IDisposable
{
    private readonly Channel<ApiCall> _calls = Channel.CreateUnbounded<ApiCall>();
    private readonly long _started = Stopwatch.GetTimestamp();

    public TimeSpan Elapsed => Stopwatch.GetElapsedTime(_started);

    internal void Record(TimeSpan arrived, string method, string path, int status) => _calls.Writer.TryWrite(new ApiCall(arrived, method, path, status));

    /// <summary>The next call, or null when none comes before <paramref name="deadline"/> (time since the watch began).</summary>
    public async Task<ApiCall?> NextAsync(TimeSpan deadline, CancellationToken ct)
    {
        var left = deadline - Elapsed;
        if (left <= TimeSpan.Zero) return _calls.Reader.TryRead(out var ready) ? ready : null;
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct);
        limit.CancelAfter(left);
        try
        {
            return await _calls.Reader.ReadAsync(limit.Token);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return null;
        }
    }

    public void Dispose() => stop();
}
