using Microsoft.Extensions.Options;
using MockWebex.Common;
using MockWebex.Delivery;

namespace MockWebex.Storage;

/// <summary>
/// Keeps a long run bounded: every Storage:PruneInterval it deletes what triggers made beyond
/// Storage:ResourceRetention, the delivery log beyond Delivery:LogRetention, and pending deliveries older
/// than Delivery:PendingMaxAge. LiteDB reuses the freed pages, so the data file stops growing. A failed
/// round is logged and the next one tries again.
/// </summary>
public sealed partial class RetentionService(WebexStore store, DeliveryRepository deliveries, Conversations conversations, DeliveryLog log, IOptions<StorageOptions> storage,
    IOptions<DeliveryOptions> delivery, TimeProvider clock, ILogger<RetentionService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(storage.Value.PruneInterval, clock);
        try
        {
            await store.Ready;
            while (await timer.WaitForNextTickAsync(stoppingToken)) PruneOnce();
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        catch (StorageUnavailableException e)
        {
            LogCannotOpen(e); // the file never opened: nothing to prune
        }
    }

    /// <summary>How many rooms (and as many of each other kind) one transaction of a round reads, to delete the triggered ones.</summary>
    public const int PruneBatch = 500;

    private readonly Lock _round = new();

    /// <summary>The cutoff the last finished round pruned up to, on the resource counter.</summary>
    private long _prunedTo;

    /// <summary>
    /// How far rounds have read each kind. Below it every document was read once and the triggered ones deleted; what
    /// is left there was made by API calls and is kept, and new documents only come above it (the counter grows). So a
    /// round starts where the last one stopped: starting each round from the beginning re-read every kept document every
    /// 10 s, 1.0–1.4 s a round with 100k API-made rooms and messages (scripts/bench.sh scaling).
    /// </summary>
    private PruneProgress _progress = new();

    /// <summary>
    /// The delivery id up to which rounds have dropped what was pending too long. Every round read every delivery older
    /// than Delivery:PendingMaxAge: with a full log an hour old, 10,000 whole deliveries, 105–190 ms every 10 s.
    /// </summary>
    private long _deliveriesReadTo;

    /// <summary>The store's <see cref="WebexStore.Resets"/> when <see cref="_progress"/> and <see cref="_deliveriesReadTo"/> were started: a reset voids them.</summary>
    private long _progressResets;

    /// <summary>
    /// Runs a round now when triggers have made half the retention again since the last one. At full speed triggers
    /// make resources faster than rounds on the timer delete them, and the data file and memory grew for as long as
    /// they ran (the soak: +186 MiB of file over its second 100k events). Call it before a trigger stores anything,
    /// outside any command: the trigger waits for the round, so what triggers leave behind stays within 1.5× the
    /// retention.
    /// </summary>
    public void KeepUp()
    {
        var keep = storage.Value.ResourceRetention;
        // After a reset what the last round pruned up to counts for nothing: the next round starts from the beginning.
        var prunedTo = store.Resets == Volatile.Read(ref _progressResets) ? Volatile.Read(ref _prunedTo) : 0;
        if (keep > 0 && store.CurrentResourceSeq - prunedTo > keep + keep / 2) PruneOnce();
    }

    /// <summary>
    /// One round (also called by tests and the benchmark); a round already running is waited for, then this one runs.
    /// Returns what it read.
    /// </summary>
    public RetentionRound PruneOnce()
    {
        lock (_round) return PruneRound();
    }

    private RetentionRound PruneRound()
    {
        var (read, deliveriesRead) = (0, 0);
        try
        {
            var resets = store.Resets;
            if (resets != Volatile.Read(ref _progressResets))
            {
                _progress = new PruneProgress();
                _deliveriesReadTo = 0;
                Volatile.Write(ref _prunedTo, 0);
                Volatile.Write(ref _progressResets, resets);
            }
            var keep = storage.Value.ResourceRetention;
            if (keep > 0 && store.CurrentResourceSeq > keep)
            {
                var cutoff = store.CurrentResourceSeq - keep;
                // A part at a time, so API calls and triggers get the store between parts. The progress moves only once
                // its part has committed, and not across a reset made meanwhile.
                while (true)
                {
                    var next = _progress.Copy();
                    var part = store.InTransaction(() => conversations.PruneTriggered(cutoff, PruneBatch, next));
                    if (store.Resets != resets) return new(read, 0);
                    _progress = next;
                    read += part;
                    if (part == 0) break;
                }
                Volatile.Write(ref _prunedTo, cutoff);
            }
            var oldest = WebexTime.Format(clock.GetUtcNow() - delivery.Value.PendingMaxAge);
            (var dropped, deliveriesRead, var readTo) = deliveries.DeletePendingCreatedBefore(oldest, _deliveriesReadTo);
            if (store.Resets == resets) _deliveriesReadTo = readTo;
            if (dropped > 0) LogDroppedPending(dropped, delivery.Value.PendingMaxAge);
            log.Prune();
        }
        catch (StorageUnavailableException)
        {
            // A file that cannot be written (a full disk): the store logs that once; the next round tries again.
        }
        catch (Exception e)
        {
            // Whatever went wrong, the service keeps running: the next round tries again.
            LogPruneFailed(e);
        }
        return new(read, deliveriesRead);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Dropped {Count} deliveries pending for longer than {MaxAge}")]
    private partial void LogDroppedPending(int count, TimeSpan maxAge);

    [LoggerMessage(Level = LogLevel.Error, Message = "Retention round failed; the next one retries")]
    private partial void LogPruneFailed(Exception e);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Retention not running: the data file did not open")]
    private partial void LogCannotOpen(Exception e);
}
