using System.Threading.Channels;
using Microsoft.Extensions.Options;
using MockWebex.Common;
using MockWebex.Storage;
using MockWebex.Webhooks;

namespace MockWebex.Delivery;

/// <summary>
/// Sends deliveries. Each webhook has its own lane (a channel and a loop), so a hanging receiver
/// only delays its own webhook, and events reach one webhook in the order they happened. A lane that
/// has been idle for <see cref="DeliveryOptions.LaneIdleTimeout"/> is removed (a deleted webhook's lane goes that way)
/// by one sweep on the clock, not by a timer per lane and wait: with 1,000 webhooks, a timer per wait was a
/// measurable part of each fanned-out event.
/// At start every delivery still pending in LiteDB (a crash between store and send) is sent first;
/// deliveries published meanwhile wait for that without blocking their caller, and none is queued twice.
/// </summary>
public sealed partial class DeliveryWorker(
    DeliveryRepository deliveries,
    DeliverySender sender,
    DeliveryLog log,
    FailureTracker failures,
    WebhookService webhooks,
    IOptions<DeliveryOptions> options,
    TimeProvider clock,
    ILogger<DeliveryWorker> logger) : IHostedService
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Lane> _lanes = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stopping = new();
    private ITimer? _sweeper;

    /// <summary>Deliveries published before recovery has queued the last run's; null once it has.</summary>
    private List<DeliveryRecord>? _heldUntilRecovered = [];

    private sealed class Lane(Channel<DeliveryRecord> channel, DateTimeOffset now)
    {
        private int _outstanding;
        private long _idleSinceTicks = now.UtcTicks;

        public Channel<DeliveryRecord> Channel { get; } = channel;
        public Task Loop { get; set; } = Task.CompletedTask;

        /// <summary>Queued or being sent. Raised under the worker's gate, so a sweep (also under it) that sees 0 sees the truth.</summary>
        public int Outstanding => Volatile.Read(ref _outstanding);

        public DateTimeOffset IdleSince => new(Interlocked.Read(ref _idleSinceTicks), TimeSpan.Zero);

        public void Queued() => Interlocked.Increment(ref _outstanding);

        public void Done(DateTimeOffset now)
        {
            if (Interlocked.Decrement(ref _outstanding) == 0) Interlocked.Exchange(ref _idleSinceTicks, now.UtcTicks);
        }
    }

    /// <summary>How many webhooks have a lane now.</summary>
    public int LaneCount
    {
        get
        {
            lock (_gate) return _lanes.Count;
        }
    }

    /// <summary>Moves when a lane is added or removed.</summary>
    public ChangeSignal LanesChanged { get; } = new();

    /// <summary>Recovers in the background, so start-up does not wait for the LiteDB file to open.</summary>
    public Task StartAsync(CancellationToken cancellationToken)
    {
        _ = Task.Run(Recover, CancellationToken.None);
        var every = TimeSpan.FromTicks(Math.Max(options.Value.LaneIdleTimeout.Ticks / 2, TimeSpan.TicksPerMillisecond * 10));
        _sweeper = clock.CreateTimer(_ => RemoveIdleLanes(), null, every, every);
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        if (_sweeper is not null) await _sweeper.DisposeAsync();
        Task[] loops;
        lock (_gate)
        {
            foreach (var lane in _lanes.Values) lane.Channel.Writer.TryComplete();
            loops = _lanes.Values.Select(l => l.Loop).ToArray();
        }
        await Task.WhenAll(loops).WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    /// <summary>Queues a stored pending delivery on its webhook's lane; the record itself travels, so sending reads nothing back.</summary>
    public void Enqueue(DeliveryRecord delivery)
    {
        lock (_gate)
        {
            if (_heldUntilRecovered is { } held) held.Add(delivery);
            else EnqueueOnLane(delivery);
        }
    }

    private void Recover()
    {
        List<DeliveryRecord> pending = [];
        try
        {
            pending = deliveries.Pending();
        }
        catch (StorageUnavailableException)
        {
            // Reported by /healthz and by `serve`; nothing was left pending in a file that cannot be opened.
        }
        catch (Exception e)
        {
            LogRecoveryFailed(e);
        }
        lock (_gate)
        {
            var held = _heldUntilRecovered!;
            _heldUntilRecovered = null;
            // A delivery published after its commit but before the query above is in both lists: queue it once.
            var heldIds = held.Select(d => d.Id).ToHashSet();
            var recovered = pending.Where(d => !heldIds.Contains(d.Id)).ToList();
            foreach (var delivery in recovered.Concat(held).OrderBy(d => d.Id)) EnqueueOnLane(delivery);
            if (recovered.Count > 0) LogRecovered(recovered.Count);
        }
    }

    /// <summary>Call under <see cref="_gate"/>: the lane found here cannot be removed before the write.</summary>
    private void EnqueueOnLane(DeliveryRecord delivery)
    {
        if (!_lanes.TryGetValue(delivery.WebhookId, out var lane))
        {
            lane = new Lane(Channel.CreateUnbounded<DeliveryRecord>(new() { SingleReader = true }), clock.GetUtcNow());
            _lanes.Add(delivery.WebhookId, lane);
            lane.Loop = Task.Run(() => RunLaneAsync(lane));
            LanesChanged.Notify();
        }
        lane.Queued();
        lane.Channel.Writer.TryWrite(delivery);
    }

    private async Task RunLaneAsync(Lane lane)
    {
        var reader = lane.Channel.Reader;
        try
        {
            // Ends when the sweep closes the lane for being idle, or at shutdown.
            while (await reader.WaitToReadAsync(_stopping.Token))
            {
                while (reader.TryRead(out var delivery))
                {
                    try
                    {
                        await DeliverAsync(delivery, _stopping.Token);
                    }
                    catch (Exception e) when (e is not OperationCanceledException)
                    {
                        LogDeliveryCrashed(e, delivery.Id);
                    }
                    finally
                    {
                        lane.Done(clock.GetUtcNow());
                    }
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Shutting down: whatever is still pending stays in LiteDB and is sent after restart.
        }
    }

    /// <summary>Closes lanes with nothing queued or in flight for <see cref="DeliveryOptions.LaneIdleTimeout"/>; their loops end.</summary>
    private void RemoveIdleLanes()
    {
        var cutoff = clock.GetUtcNow() - options.Value.LaneIdleTimeout;
        var removed = false;
        lock (_gate)
        {
            foreach (var (webhookId, lane) in _lanes.Where(l => l.Value.Outstanding == 0 && l.Value.IdleSince <= cutoff).ToList())
            {
                lane.Channel.Writer.TryComplete();
                _lanes.Remove(webhookId);
                removed = true;
            }
        }
        if (removed) LanesChanged.Notify();
    }

    private async Task DeliverAsync(DeliveryRecord delivery, CancellationToken stopping)
    {
        if (delivery.Status != DeliveryStatus.Pending) return;
        // A late delivery (a trigger's delivery.delayMs) waits on the emulator clock, holding its lane as a slow webhook would.
        if (delivery.NotBefore is { } notBefore && DateTimeOffset.Parse(notBefore, System.Globalization.CultureInfo.InvariantCulture) - clock.GetUtcNow() is { Ticks: > 0 } wait)
            await Task.Delay(wait, clock, stopping);
        var webhook = webhooks.Find(delivery.WebhookId);
        if (webhook is null || !webhook.IsActive)
        {
            delivery.Status = DeliveryStatus.Dropped;
            log.Save(delivery);
            return;
        }

        var maxAttempts = 1 + options.Value.MaxRetries;
        for (var n = 1; n <= maxAttempts; n++)
        {
            var attempt = await sender.SendAsync(webhook, delivery, delivery.Attempts.Count + 1, stopping);
            stopping.ThrowIfCancellationRequested();
            delivery.Attempts.Add(attempt);
            if (attempt.Succeeded)
            {
                delivery.Status = DeliveryStatus.Succeeded;
                break;
            }
            delivery.Status = DeliveryStatus.Failed;
            var now = clock.GetUtcNow();
            var disable = failures.RecordFailure(webhook.Id, now, webhook.ProbationUntil);
            webhooks.SaveFailures(webhook.Id, failures.Window(webhook.Id));
            if (disable)
            {
                webhooks.Disable(webhook.Id, now);
                LogDisabled(webhook.Id, webhook.Name);
                break;
            }
            if (n < maxAttempts)
            {
                delivery.Status = DeliveryStatus.Pending;
                log.Save(delivery);
                await Task.Delay(options.Value.RetryBackoff * Math.Pow(2, n - 1), clock, stopping);
                // Deleted (or the store reset) or disabled meanwhile: no more attempts, to a target its owner may have moved on from.
                if (webhooks.Find(webhook.Id) is not { IsActive: true } current) break;
                webhook = current;
            }
        }
        if (delivery.Status == DeliveryStatus.Pending) delivery.Status = DeliveryStatus.Failed;
        log.Save(delivery);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Resending {Count} deliveries left pending by the last run")]
    private partial void LogRecovered(int count);

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not read the deliveries left pending by the last run")]
    private partial void LogRecoveryFailed(Exception e);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook {WebhookId} ({Name}) is now inactive: too many failed deliveries")]
    private partial void LogDisabled(string webhookId, string name);

    [LoggerMessage(Level = LogLevel.Error, Message = "Delivery {DeliveryId} failed unexpectedly")]
    private partial void LogDeliveryCrashed(Exception e, long deliveryId);
}
