using MockWebex.Storage;

namespace MockWebex.Admin;

public static class AdminMapping
{
    public static DeliveryDto ToDto(this DeliveryRecord d, WebhookRecord? webhook) =>
        new(d.Id, d.WebhookId, webhook?.Name, d.EventId, d.Resource, d.Event, d.Status, d.Created, d.RedeliveryOf, d.Body, d.Attempts, SignatureCheck(d, webhook), d.Fault);

    private static string? SignatureCheck(DeliveryRecord d, WebhookRecord? webhook)
    {
        if (d.Attempts.Count == 0) return null;
        if (!d.Attempts[^1].RequestHeaders.TryGetValue(MockWebex.Delivery.WebhookSigner.Header, out var sent)) return "unsigned";
        if (webhook?.Secret is not { Length: > 0 } secret) return "mismatch";
        var expected = MockWebex.Delivery.WebhookSigner.Sign(secret, System.Text.Encoding.UTF8.GetBytes(d.Body));
        return string.Equals(sent, expected, StringComparison.OrdinalIgnoreCase) ? "valid" : "mismatch";
    }
}
