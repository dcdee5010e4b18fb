using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace MockWebex.Delivery;

/// <summary>
/// Webex's auto-disable rule in miniature: a webhook is disabled after <c>FailureThreshold</c> failed
/// attempts inside a sliding <c>FailureWindow</c>; successes do not reset the count (UNCERTAIN in
/// Webex, see README). During probation (re-enabled soon after being disabled) one failure is enough.
/// Pure: callers pass the time, so tests drive it with any clock.
/// </summary>
public sealed class FailureTracker(IOptions<DeliveryOptions> options)
{
    private readonly DeliveryOptions _options = options.Value;
    private readonly ConcurrentDictionary<string, Queue<DateTimeOffset>> _failures = new(StringComparer.Ordinal);

    /// <summary>Records a failed attempt; true when the webhook must now become inactive.</summary>
    public bool RecordFailure(string webhookId, DateTimeOffset now, DateTimeOffset? probationUntil)
    {
        var window = _failures.GetOrAdd(webhookId, _ => new Queue<DateTimeOffset>());
        lock (window)
        {
            window.Enqueue(now);
            while (window.Count > 0 && window.Peek() <= now - _options.FailureWindow) window.Dequeue();
            return probationUntil > now || window.Count >= _options.FailureThreshold;
        }
    }

    /// <summary>Failures counted inside the current window (for the dashboard and explain).</summary>
    public int RecentFailures(string webhookId, DateTimeOffset now)
    {
        if (!_failures.TryGetValue(webhookId, out var window)) return 0;
        lock (window) return window.Count(t => t > now - _options.FailureWindow);
    }

    /// <summary>The failures of the current window, oldest first (what is persisted with the webhook).</summary>
    public List<DateTimeOffset> Window(string webhookId)
    {
        if (!_failures.TryGetValue(webhookId, out var window)) return [];
        lock (window) return [.. window];
    }

    /// <summary>Puts back a window persisted before a restart, unless the webhook already has a live one (which is newer).</summary>
    public void Restore(string webhookId, IEnumerable<DateTimeOffset> times) =>
        _failures.TryAdd(webhookId, new Queue<DateTimeOffset>(times.Order()));

    public void Reset(string webhookId) => _failures.TryRemove(webhookId, out _);

    public void Clear() => _failures.Clear();

    /// <summary>A webhook re-enabled within one window of being disabled is on probation for one window.</summary>
    public DateTimeOffset? ProbationAfterReactivation(DateTimeOffset? disabledAt, DateTimeOffset now) =>
        disabledAt is { } disabled && now - disabled < _options.FailureWindow ? now + _options.FailureWindow : null;
}
