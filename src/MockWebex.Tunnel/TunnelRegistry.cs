namespace MockWebex.Tunnel;

/// <summary>
/// The relay's attached clients per channel. A channel has one owner unless the relay allows sharing
/// (then deliveries go round-robin); the owner's own reconnect (same client id) takes the channel over
/// from its stale session, so a laptop that changed networks is not locked out of its own channel.
/// </summary>
public sealed class TunnelRegistry
{
    private readonly Dictionary<string, List<TunnelSession>> _channels = new(StringComparer.Ordinal);
    private readonly Dictionary<string, TaskCompletionSource> _detachWaiters = new(StringComparer.Ordinal);
    private int _turn;

    /// <summary>True when another client (not <paramref name="clientId"/>) holds the channel.</summary>
    public bool HeldByAnother(string channel, string clientId)
    {
        lock (_channels) return _channels.TryGetValue(channel, out var sessions) && sessions.Any(s => s.ClientId != clientId);
    }

    /// <summary>Adds the session; returns the same client's earlier sessions, which it replaces, or null when another client holds the channel and sharing is off.</summary>
    public IReadOnlyList<TunnelSession>? Attach(TunnelSession session, bool allowSharing)
    {
        List<TunnelSession> replaced;
        lock (_channels)
        {
            if (!_channels.TryGetValue(session.Channel, out var sessions)) _channels[session.Channel] = sessions = [];
            if (!allowSharing && sessions.Any(s => s.ClientId != session.ClientId)) return null;
            replaced = sessions.Where(s => s.ClientId == session.ClientId).ToList();
            sessions.RemoveAll(s => s.ClientId == session.ClientId);
            sessions.Add(session);
        }
        return replaced;
    }

    public void Detach(TunnelSession session)
    {
        TaskCompletionSource? waiter = null;
        lock (_channels)
        {
            if (_channels.TryGetValue(session.Channel, out var sessions) && sessions.Remove(session) && sessions.Count == 0)
            {
                _channels.Remove(session.Channel);
                _detachWaiters.Remove(session.Channel, out waiter);
            }
        }
        waiter?.TrySetResult();
    }

    /// <summary>Completes when the channel has no client left (at once if it has none).</summary>
    public Task WhenDetachedAsync(string channel)
    {
        lock (_channels)
        {
            if (!_channels.ContainsKey(channel)) return Task.CompletedTask;
            if (!_detachWaiters.TryGetValue(channel, out var waiter))
                _detachWaiters[channel] = waiter = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            return waiter.Task;
        }
    }

    public bool HasClients(string channel)
    {
        lock (_channels) return _channels.ContainsKey(channel);
    }

    /// <summary>The session to carry the next delivery (round-robin when shared); null when nobody is attached.</summary>
    public TunnelSession? Pick(string channel)
    {
        lock (_channels)
        {
            if (!_channels.TryGetValue(channel, out var sessions)) return null;
            return sessions[(int)((uint)_turn++ % (uint)sessions.Count)];
        }
    }
}
