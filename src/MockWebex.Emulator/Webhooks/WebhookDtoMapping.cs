using MockWebex.Storage;

namespace MockWebex.Webhooks;

public static class WebhookDtoMapping
{
    public static WebhookDto ToDto(this WebhookRecord w) =>
        new(w.Id, w.Name, w.TargetUrl, w.Resource, w.Event, w.Filter, w.Secret, w.OrgId, w.CreatedBy, w.AppId, w.OwnedBy, w.Status, w.Created);
}
