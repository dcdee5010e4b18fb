using System.Threading.Channels;
using Microsoft.Extensions.Options;
using MockWebex.Common;
using MockWebex.Storage;

namespace MockWebex.Delivery;

/// <summary>
/// Writes attempt results to LiteDB in batches (one transaction per batch: single writes cap at
/// about 1,000/s on disk) and keeps the log within <see cref="DeliveryOptions.LogRetention"/>.
/// A result lost in a crash only means the delivery is sent again: at-least-once, never lost.
/// A batch that cannot be written is logged and the writer goes on with the next.
/// </summary>
public sealed class DeliveryLog : BackgroundService
{
    private readonly DeliveryRepository _deliveries;
    private readonly DeliveryOptions _options;
    private readonly ILogger<DeliveryLog> _logger;
    private readonly Channel<DeliveryRecord> _pending = Channel.CreateUnbounded<DeliveryRecord>(new() { SingleReader = true });
    private long _writesSincePrune;

    public DeliveryLog(DeliveryRepository deliveries, IOptions<DeliveryOptions> options, ILogger<DeliveryLog> logger)
    {
        _logger = logger;
        _deliveries = deliveries;
        _options = options.Value;
    }

    public void Save(DeliveryRecord delivery) => _pending.Writer.TryWrite(delivery.Snapshot());

    /// <summary>Moves whenever the stored log changes (deliveries queued, results written, pruned): what tests and tools wait on.</summary>
    public ChangeSignal Changed => _deliveries.Changed;

    public IEnumerable<DeliveryRecord> Query(string? webhookId, string? status, int limit, string? resource = null, string? @event = null) =>
        _deliveries.Query(webhookId, status, limit, resource, @event);

    public DeliveryRecord? Find(long id) => _deliveries.Find(id);

    /// <summary>Writes what is queued until the host stops, then what was queued before the stop.</summary>
    protected override Task ExecuteAsync(CancellationToken stoppingToken) => Task.Run(WriteLoopAsync, CancellationToken.None);

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        _pending.Writer.TryComplete();
        await base.StopAsync(cancellationToken);
    }

    private async Task WriteLoopAsync()
    {
        var batch = new List<DeliveryRecord>();
        while (await _pending.Reader.WaitToReadAsync())
        {
            while (batch.Count < 1000 && _pending.Reader.TryRead(out var item)) batch.Add(item);
            // The same delivery may be queued twice (attempt, then final state); keep the newest.
            var latest = batch.GroupBy(d => d.Id).Select(g => g.Last()).ToList();
            batch.Clear();
            try
            {
                _deliveries.Update(latest);
                _writesSincePrune += latest.Count;
                if (_writesSincePrune >= Math.Max(1, _options.LogRetention / 10)) Prune();
            }
            catch (StorageUnavailableException)
            {
                // A file that cannot be written (a full disk): the store logs that once. These deliveries stay as last
                // stored (pending ones are resent after a restart); the next batch is tried as usual.
            }
            catch (Exception e)
            {
                // Nothing may kill the writer: every later result would be lost with it. These deliveries stay
                // as last stored (pending ones are resent after a restart); the next batch is tried as usual.
                _logger.LogError(e, "Could not write {Count} delivery results", latest.Count);
            }
        }
    }

    /// <summary>Deletes the oldest finished deliveries beyond the retention count; pending ones are never pruned.</summary>
    public void Prune()
    {
        _writesSincePrune = 0;
        _deliveries.DeleteFinishedBeyond(_options.LogRetention);
    }
}
