namespace MockWebex.Webhooks;

public sealed record WebhookList(IReadOnlyList<WebhookDto> Items);
