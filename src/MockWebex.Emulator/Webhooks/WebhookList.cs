using System.Text.Json.Serialization;
using MockWebex.Storage;

namespace MockWebex.Webhooks;

public sealed record WebhookList(IReadOnlyList<WebhookDto> Items);
