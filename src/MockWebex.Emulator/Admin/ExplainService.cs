using MockWebex.Auth;
using MockWebex.Delivery;
using MockWebex.Events;
using MockWebex.Fixtures;
using MockWebex.Webhooks;

namespace MockWebex.Admin;

/// <summary>Builds the event a trigger would build and runs the same matcher the delivery engine uses.</summary>
public sealed class ExplainService(WebhookService webhooks, EventFactory factory, IdentityDirectory identities, FailureTracker failures, TimeProvider clock)
{
    public IResult Explain(string webhookId, TriggerRequest request)
    {
        var webhook = webhooks.Find(webhookId);
        if (webhook is null) return Results.Problem($"No webhook {webhookId}.", statusCode: 404);
        if (string.IsNullOrEmpty(request.Resource) || string.IsNullOrEmpty(request.Event))
            return Results.Problem("resource and event are required.", statusCode: 400);
        try
        {
            var evt = factory.Create(new EventRequest(request.Resource, request.Event, request.Data, request.Actor, 1, request.Seed ?? 1, request.VisibleTo), out _)[0];
            var ownerIsBot = identities.IsBot(webhook.CreatedBy);
            var result = WebhookMatcher.Explain(webhook, evt, ownerIsBot);
            var summary = result.Matches ? $"{evt.Name} would be delivered to {webhook.TargetUrl}" : $"not delivered: {result.FailedReason}";
            return TypedResults.Ok(new ExplainResponse(result.Matches, summary, result.Checks,
                failures.RecentFailures(webhook.Id, clock.GetUtcNow()), new { evt.Resource, evt.Event, evt.ActorId, evt.Data }));
        }
        catch (Exception e) when (e is EventRequestException or TemplateException)
        {
            return Results.Problem(e.Message, statusCode: 400);
        }
    }
}
