using System.Text.Json.Serialization;

namespace MockWebex.Webhooks;

/// <summary>What POST and PUT /v1/webhooks share: name, targetUrl, and a secret whose absence means something.</summary>
public abstract record WebhookRequest
{
    private readonly string? _secret;

    public string? Name { get; init; }
    public string? TargetUrl { get; init; }

    /// <summary>On a PUT, absent keeps the webhook's secret and "" or null removes it.</summary>
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
}
