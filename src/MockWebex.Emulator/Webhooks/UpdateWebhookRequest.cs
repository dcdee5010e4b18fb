using System.Text.Json.Serialization;
using MockWebex.Common;

namespace MockWebex.Webhooks;

/// <summary>PUT /v1/webhooks/{id}: name and targetUrl again, secret and status optional; other fields are ignored (the JS SDK sends the whole object).</summary>
public sealed record UpdateWebhookRequest
{
    private readonly string? _secret;

    public string? Name { get; init; }
    public string? TargetUrl { get; init; }
    public string? Status { get; init; }

    /// <summary>Accepted and ignored: a webhook's owner does not change.</summary>
    public string? OwnedBy { get; init; }

    /// <summary>Absent keeps the webhook's secret; "" or null removes it.</summary>
    public string? Secret
    {
        get => _secret;
        init
        {
            _secret = value;
            SecretGiven = true;
        }
    }

    [JsonIgnore]
    public bool SecretGiven { get; private init; }

    public static ValueTask<UpdateWebhookRequest?> BindAsync(HttpContext http) => WebexJsonBody.BindAsync<UpdateWebhookRequest>(http);
}
