using System.Text.Json.Nodes;
using MockWebex.Storage;

namespace MockWebex.Admin;

public sealed record TriggeredDelivery(string WebhookId, long DeliveryId);
