using System.Collections.Concurrent;

namespace MockWebex.Verify;

/// <summary>
/// Lets `verify --token` see the /v1 calls a receiver makes with its token (what, when, and the answer, a fault's 429
/// included). Nothing is recorded while no one watches.
/// </summary>
public sealed class ApiCallWatch
{
    private readonly ConcurrentDictionary<string, ApiCallWatcher> _watchers = new(StringComparer.Ordinal);

    /// <summary>Starts watching <paramref name="token"/>'s calls; dispose to stop.</summary>
    public ApiCallWatcher Watch(string token)
    {
        var watcher = new ApiCallWatcher(() => _watchers.TryRemove(token, out _));
        if (!_watchers.TryAdd(token, watcher)) throw new InvalidOperationException("that token is already being watched (another verify is running)");
        return watcher;
    }

    /// <summary>Who watches <paramref name="token"/>'s calls, if anyone (cheap while no one watches at all).</summary>
    internal ApiCallWatcher? WatcherOf(string token) =>
        _watchers.IsEmpty ? null : _watchers.GetValueOrDefault(token);
}
