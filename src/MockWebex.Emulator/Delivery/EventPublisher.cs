using MockWebex.Auth;
using MockWebex.Common;
using MockWebex.Events;
using MockWebex.Resources;
using MockWebex.Storage;
using MockWebex.Webhooks;

namespace MockWebex.Delivery;

/// <summary>
/// Turns events into deliveries: finds every active webhook the event reaches, stores one pending
/// delivery per webhook (one bulk write, before anything is sent), then hands them to the worker.
/// </summary>
public sealed class EventPublisher(WebexStore store, DeliveryRepository deliveries, WebhookService webhooks, DeliveryWorker worker, IdentityDirectory identities, TriggeredResources resources, TimeProvider clock)
{
    public IReadOnlyList<QueuedDelivery> Publish(IReadOnlyList<WebexEvent> events, DeliveryFaults? faults = null)
    {
        var records = store.InTransaction(() => Store(events, faults));
        // Sent only once stored: inside an API call's command that is when the whole command commits.
        store.AfterCommit(() =>
        {
            foreach (var record in records) worker.Enqueue(record);
        });
        return records.Select(r => new QueuedDelivery(r.EventId, r.WebhookId, r.Id)).ToList();
    }

    /// <summary>Creates what triggered events mention and stores one pending delivery per matching webhook.</summary>
    private List<DeliveryRecord> Store(IReadOnlyList<WebexEvent> events, DeliveryFaults? faults)
    {
        var active = webhooks.Active()
            .Select(w => (Webhook: w, OwnerIsBot: identities.IsBot(w.CreatedBy)))
            .ToList();
        var now = WebexTime.Now(clock);
        var records = new List<DeliveryRecord>();
        foreach (var generated in events)
        {
            var evt = resources.WithAudience(generated, out var room);
            var matched = active.Where(a => WebhookMatcher.Matches(a.Webhook, evt, a.OwnerIsBot)).Select(a => a.Webhook).ToList();
            var recipients = new HashSet<string>(StringComparer.Ordinal);
            string? dataJson = null; // serialized once for every webhook the event reaches
            foreach (var webhook in TriggeredResources.OneReceiverForDirect(evt, matched))
            {
                if (!webhook.IsOrgWide) recipients.Add(webhook.CreatedBy);
                records.Add(new DeliveryRecord
                {
                    WebhookId = webhook.Id,
                    EventId = evt.Id,
                    Resource = evt.Resource,
                    Event = evt.Event,
                    Body = Envelope.Build(webhook, evt, dataJson ??= CompactJson.Serialize(evt.Data)),
                    Created = now,
                });
            }
            // Before anything is sent, so a receiver that fetches the message right away finds it.
            resources.Materialize(evt, recipients, room);
        }
        if (faults is not null) records = WithFaults(records, faults);
        if (records.Count > 0) deliveries.Insert(records);
        if (faults is { OutOfOrder: true })
        {
            // Stored in order (ids, the log), sent shuffled: each webhook's lane takes them in list order.
            var shuffled = records.ToArray();
            Random.Shared.Shuffle(shuffled);
            foreach (var record in shuffled) record.Fault ??= "out of order";
            return [.. shuffled];
        }
        return records;
    }

    /// <summary>Duplicates (same bytes, same event id) and late sending, marked so the log says what happened.</summary>
    private List<DeliveryRecord> WithFaults(List<DeliveryRecord> records, DeliveryFaults faults)
    {
        var notBefore = faults.DelayMs > 0 ? WebexTime.Format(clock.GetUtcNow().AddMilliseconds(faults.DelayMs)) : null;
        var result = new List<DeliveryRecord>(records.Count * (1 + faults.Duplicates));
        foreach (var record in records)
        {
            record.NotBefore = notBefore;
            record.Fault = notBefore is null ? null : $"delayed {faults.DelayMs} ms";
            result.Add(record);
            for (var i = 0; i < faults.Duplicates; i++)
            {
                var copy = record.Snapshot();
                copy.Fault = "duplicate";
                result.Add(copy);
            }
        }
        return result;
    }

    /// <summary>
    /// Sends a stored delivery's bytes again as a new delivery (signed with the webhook's current secret);
    /// <paramref name="editedBody"/> replaces them (the dashboard's edit and resend).
    /// </summary>
    public DeliveryRecord Redeliver(DeliveryRecord original, string? editedBody = null)
    {
        var copy = new DeliveryRecord
        {
            WebhookId = original.WebhookId,
            EventId = original.EventId,
            Resource = original.Resource,
            Event = original.Event,
            Body = editedBody ?? original.Body,
            Created = WebexTime.Now(clock),
            RedeliveryOf = original.Id,
        };
        deliveries.Insert([copy]);
        worker.Enqueue(copy);
        return copy;
    }
}
