namespace MockWebex.Delivery;

public sealed record QueuedDelivery(string EventId, string WebhookId, long DeliveryId);
