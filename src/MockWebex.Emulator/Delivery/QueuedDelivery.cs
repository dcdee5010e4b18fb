using MockWebex.Auth;
using MockWebex.Common;
using MockWebex.Events;
using MockWebex.Resources;
using MockWebex.Storage;
using MockWebex.Webhooks;

namespace MockWebex.Delivery;

public sealed record QueuedDelivery(string EventId, string WebhookId, long DeliveryId);
