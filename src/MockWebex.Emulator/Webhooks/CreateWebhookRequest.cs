using System.Text.Json.Serialization;
using MockWebex.Common;

namespace MockWebex.Webhooks;

/// <summary>POST /v1/webhooks; bound by <see cref="WebexJsonBody"/> and validated by <see cref="WebhookValidation"/>.</summary>
public sealed record CreateWebhookRequest
{
    private readonly string? _secret;

    public string? Name { get; init; }
    public string? TargetUrl { get; init; }
    public string? Resource { get; init; }
    public string? Event { get; init; }
    public string? Filter { get; init; }
    public string? OwnedBy { get; init; }

    public string? Secret
    {
        get => _secret;
        init
        {
            _secret = value;
            SecretGiven = true;
        }
    }

    /// <summary>Whether the body had "secret" at all (null or "" included).</summary>
    [JsonIgnore]
    public bool SecretGiven { get; private init; }

    public static ValueTask<CreateWebhookRequest?> BindAsync(HttpContext http) => WebexJsonBody.BindAsync<CreateWebhookRequest>(http);
}
