using System.Text;
using MockWebex.Common;
using MockWebex.Events;
using MockWebex.Storage;

namespace MockWebex.Delivery;

/// <summary>
/// The body Webex POSTs: compact JSON, keys in the order of real captures (WEBEX-FACTS §6.1),
/// concrete resource/event even for firehose webhooks, the webhook's own `created`, never the secret.
/// </summary>
public static class Envelope
{
    public static string Build(WebhookRecord webhook, WebexEvent evt) => Build(webhook, evt, CompactJson.Serialize(evt.Data));

    /// <param name="dataJson">The event's data as <see cref="CompactJson"/> writes it: one event fanned out to many webhooks
    /// serializes its data once, not once per webhook (≈ half of building each body, profiled).</param>
    public static string Build(WebhookRecord webhook, WebexEvent evt, string dataJson)
    {
        var sb = new StringBuilder(512);
        sb.Append('{');
        Field(sb, "id", webhook.Id, first: true);
        Field(sb, "name", webhook.Name);
        Field(sb, "targetUrl", webhook.TargetUrl);
        Field(sb, "resource", evt.Resource);
        Field(sb, "event", evt.Event);
        if (webhook.Filter is not null) Field(sb, "filter", webhook.Filter);
        Field(sb, "orgId", webhook.OrgId);
        Field(sb, "createdBy", webhook.CreatedBy);
        Field(sb, "appId", webhook.AppId);
        Field(sb, "ownedBy", webhook.OwnedBy);
        Field(sb, "status", "active");
        Field(sb, "created", webhook.Created);
        Field(sb, "actorId", evt.ActorId);
        sb.Append(",\"data\":").Append(dataJson).Append('}');
        return sb.ToString();
    }

    private static void Field(StringBuilder sb, string name, string value, bool first = false)
    {
        if (!first) sb.Append(',');
        CompactJson.WriteString(sb, name);
        sb.Append(':');
        CompactJson.WriteString(sb, value);
    }
}
