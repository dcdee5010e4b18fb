using System.Text.Json.Serialization;

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
