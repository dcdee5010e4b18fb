using System.Text.Json.Serialization;
using MockWebex.Storage;

namespace MockWebex.Webhooks;

/// <summary>The webhook object of the REST API; `filter` and `secret` are left out when unset, as Webex does.</summary>
public sealed record WebhookDto(
    string Id,
    string Name,
    string TargetUrl,
    string Resource,
    string Event,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Filter,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Secret,
    string OrgId,
    string CreatedBy,
    string AppId,
    string OwnedBy,
    string Status,
    string Created);

/// <summary>POST /v1/webhooks body, for the OpenAPI document (the handler validates the raw JSON itself).</summary>
public sealed record CreateWebhookRequest(string Name, string TargetUrl, string Resource, string Event, string? Filter, string? Secret, string? OwnedBy);

/// <summary>PUT /v1/webhooks/{id} body; other fields are accepted and ignored.</summary>
public sealed record UpdateWebhookRequest(string Name, string TargetUrl, string? Secret, string? OwnedBy, string? Status);

public sealed record WebhookList(IReadOnlyList<WebhookDto> Items);

public static class WebhookDtoMapping
{
    public static WebhookDto ToDto(this WebhookRecord w) =>
        new(w.Id, w.Name, w.TargetUrl, w.Resource, w.Event, w.Filter, w.Secret, w.OrgId, w.CreatedBy, w.AppId, w.OwnedBy, w.Status, w.Created);
}
