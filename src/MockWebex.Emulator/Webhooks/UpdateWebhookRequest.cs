namespace MockWebex.Webhooks;

/// <summary>PUT /v1/webhooks/{id} body; other fields are accepted and ignored.</summary>
public sealed record UpdateWebhookRequest(string Name, string TargetUrl, string? Secret, string? OwnedBy, string? Status);
