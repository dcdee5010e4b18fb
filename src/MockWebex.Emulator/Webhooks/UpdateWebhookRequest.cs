using MockWebex.Common;

namespace MockWebex.Webhooks;

/// <summary>PUT /v1/webhooks/{id}: name and targetUrl again, secret and status optional; other fields are ignored (the JS SDK sends the whole object).</summary>
public sealed record UpdateWebhookRequest : WebhookRequest
{
    public string? Status { get; init; }

    /// <summary>Accepted and ignored: a webhook's owner does not change.</summary>
    public string? OwnedBy { get; init; }

    public static ValueTask<UpdateWebhookRequest?> BindAsync(HttpContext http) => WebexJsonBody.BindAsync<UpdateWebhookRequest>(http);
}
