namespace MockWebex.Webhooks;

/// <summary>What a create or update request asks for, after validation.</summary>
public sealed record WebhookInput(string Name, string TargetUrl, string? Resource, string? Event, string? Filter, string? Secret, bool SecretGiven, string OwnedBy, string? Status);
