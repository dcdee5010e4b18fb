using MockWebex.Common;

namespace MockWebex.Webhooks;

/// <summary>POST /v1/webhooks; bound by <see cref="WebexJsonBody"/> and validated by <see cref="WebhookValidation"/>.</summary>
public sealed record CreateWebhookRequest : WebhookRequest
{
    public string? Resource { get; init; }
    public string? Event { get; init; }
    public string? Filter { get; init; }
    public string? OwnedBy { get; init; }

    public static ValueTask<CreateWebhookRequest?> BindAsync(HttpContext http) => WebexJsonBody.BindAsync<CreateWebhookRequest>(http);
}
