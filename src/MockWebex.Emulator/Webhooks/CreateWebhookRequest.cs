namespace MockWebex.Webhooks;

/// <summary>POST /v1/webhooks body, for the OpenAPI document (the handler validates the raw JSON itself).</summary>
public sealed record CreateWebhookRequest(string Name, string TargetUrl, string Resource, string Event, string? Filter, string? Secret, string? OwnedBy);
