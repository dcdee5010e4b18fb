using System.Collections.Concurrent;
using System.Threading.Channels;
using Microsoft.Extensions.Options;
using MockWebex.Storage;
using MockWebex.Webhooks;

namespace MockWebex.Delivery;

/// <summary>
/// Sends deliveries. Each webhook has its own lane (a channel and a loop), so a hanging receiver
/// only delays its own webhook, and events reach one webhook in the order they happened.
/// At start every delivery still pending in LiteDB (a crash between store and send) is sent.
/// </summary>
public sealed partial class DeliveryWorker(
    WebexStore store,
    DeliverySender sender,
    DeliveryLog log,
    FailureTracker failures,
    WebhookService webhooks,
    IOptions<DeliveryOptions> options,
    TimeProvider clock,
    ILogger<DeliveryWorker> logger) : IHostedService
{
    private readonly ConcurrentDictionary<string, Channel<DeliveryRecord>> _lanes = new(StringComparer.Ordinal);
    private readonly ConcurrentBag<Task> _loops = [];
    private readonly CancellationTokenSource _stopping = new();

    private Task _recovered = Task.CompletedTask;

    /// <summary>Recovers in the background, so start-up does not wait for the LiteDB file to open.</summary>
    public Task StartAsync(CancellationToken cancellationToken)
    {
        _recovered = Task.Run(() =>
        {
            var pending = store.Deliveries.Find(d => d.Status == DeliveryStatus.Pending).OrderBy(d => d.Id).ToList();
            foreach (var delivery in pending) EnqueueOnLane(delivery);
            if (pending.Count > 0) LogRecovered(pending.Count);
        }, cancellationToken);
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        foreach (var lane in _lanes.Values) lane.Writer.TryComplete();
        await Task.WhenAll(_loops).WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    /// <summary>Queues a stored pending delivery on its webhook's lane; the record itself travels, so sending reads nothing back.</summary>
    public void Enqueue(DeliveryRecord delivery)
    {
        // Deliveries left pending by the last run go first, so each webhook still gets events in order.
        if (!_recovered.IsCompleted) _recovered.Wait();
        EnqueueOnLane(delivery);
    }

    private void EnqueueOnLane(DeliveryRecord delivery)
    {
        var lane = _lanes.GetOrAdd(delivery.WebhookId, id =>
        {
            var channel = Channel.CreateUnbounded<DeliveryRecord>(new() { SingleReader = true });
            _loops.Add(Task.Run(() => RunLaneAsync(channel.Reader)));
            return channel;
        });
        lane.Writer.TryWrite(delivery);
    }

    private async Task RunLaneAsync(ChannelReader<DeliveryRecord> lane)
    {
        try
        {
            await foreach (var delivery in lane.ReadAllAsync(_stopping.Token))
            {
                try
                {
                    await DeliverAsync(delivery, _stopping.Token);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    LogDeliveryCrashed(e, delivery.Id);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Shutting down: whatever is still pending stays in LiteDB and is sent after restart.
        }
    }

    private async Task DeliverAsync(DeliveryRecord delivery, CancellationToken stopping)
    {
        if (delivery.Status != DeliveryStatus.Pending) return;
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
                webhook = webhooks.Find(webhook.Id) ?? webhook;
                if (!webhook.IsActive) break;
            }
        }
        if (delivery.Status == DeliveryStatus.Pending) delivery.Status = DeliveryStatus.Failed;
        log.Save(delivery);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Resending {Count} deliveries left pending by the last run")]
    private partial void LogRecovered(int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook {WebhookId} ({Name}) is now inactive: too many failed deliveries")]
    private partial void LogDisabled(string webhookId, string name);

    [LoggerMessage(Level = LogLevel.Error, Message = "Delivery {DeliveryId} failed unexpectedly")]
    private partial void LogDeliveryCrashed(Exception e, long deliveryId);
}
