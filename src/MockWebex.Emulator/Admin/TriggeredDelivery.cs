namespace MockWebex.Admin;

public sealed record TriggeredDelivery(string WebhookId, long DeliveryId);
