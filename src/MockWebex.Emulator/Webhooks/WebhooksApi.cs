using Microsoft.AspNetCore.Http.HttpResults;
using MockWebex.Auth;
using MockWebex.Common;

namespace MockWebex.Webhooks;

/// <summary>The emulated Webex REST API /v1/webhooks.</summary>
public static class WebhooksApi
{
    public const int MaxPageSize = 100;

    public static IEndpointRouteBuilder MapWebhooksApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/v1/webhooks").WithTags("Webhooks")
            .WithMetadata(new ProducesResponseTypeMetadata(401, typeof(WebexError), ["application/json"]));

        group.MapGet("/", List).Produces<WebexError>(400).WithName("ListWebhooks").WithSummary("List webhooks");
        // Accepts(..., "*/*") documents the body without letting routing turn a wrong content type into
        // a 404 via the /v1 fallback: binding (WebexJsonBody) answers Webex's 415/400.
        group.MapPost("/", Create).Accepts<CreateWebhookRequest>(isOptional: true, "application/json", "*/*").Produces<WebhookDto>().Produces<WebexError>(400).Produces<WebexError>(403)
            .WithName("CreateWebhook").WithSummary("Create a webhook (200, not 201, as Webex)");
        group.MapGet("/{webhookId}", Get).Produces<WebexError>(404).WithName("GetWebhook").WithSummary("Get webhook details");
        group.MapPut("/{webhookId}", Update).Accepts<UpdateWebhookRequest>(isOptional: true, "application/json", "*/*").Produces<WebhookDto>().Produces<WebexError>(400).Produces<WebexError>(404)
            .WithName("UpdateWebhook").WithSummary("Update a webhook (name, targetUrl, secret, status=active)");
        group.MapDelete("/{webhookId}", Delete).Produces<WebexError>(404).WithName("DeleteWebhook").WithSummary("Delete a webhook");
        return routes;
    }

    private static Results<Ok<WebhookList>, JsonHttpResult<WebexError>> List(HttpContext http, WebhookService webhooks, string? max, string? ownedBy, string? cursor)
    {
        if (!Paging.TryParseMax(max, MaxPageSize, out var pageSize, out var maxError)) return WebexErrors.BadRequest(http, maxError!);
        if (ownedBy is not (null or "org" or "creator"))
            return WebexErrors.BadRequest(http, $"Invalid value for ownedBy: '{ownedBy}'. Allowed values: org, creator.");
        if (!Paging.TryDecodeCursor(cursor, out var afterSeq))
            return WebexErrors.BadRequest(http, $"Invalid value for cursor: '{cursor}'.");

        var (page, more) = webhooks.List(http.Caller(), ownedBy == "org", ownedBy == "creator", afterSeq, pageSize);
        if (more) Paging.SetNextLink(http, pageSize, "cursor", Paging.EncodeCursor(page[^1].Seq));
        return TypedResults.Ok(new WebhookList(page.Select(w => w.ToDto()).ToList()));
    }

    private static async Task<IResult> Create(HttpContext http, CreateWebhookRequest body, WebhookService webhooks)
    {
        var (input, problem) = WebhookValidation.ForCreate(body, http.Caller());
        if (problem is not null) return problem.ToResult(http);
        return TypedResults.Ok((await webhooks.CreateAsync(http.Caller(), input!)).ToDto());
    }

    private static Results<Ok<WebhookDto>, JsonHttpResult<WebexError>> Get(HttpContext http, WebhookService webhooks, string webhookId) =>
        webhooks.Get(http.Caller(), webhookId) is { } webhook ? TypedResults.Ok(webhook.ToDto()) : WebexErrors.NotFound(http);

    private static IResult Update(HttpContext http, UpdateWebhookRequest body, WebhookService webhooks, string webhookId)
    {
        if (webhooks.Get(http.Caller(), webhookId) is not { } webhook) return WebexErrors.NotFound(http);
        var (input, problem) = WebhookValidation.ForUpdate(body);
        if (problem is not null) return problem.ToResult(http);
        return webhooks.Update(webhook.Id, input!) is { } updated ? TypedResults.Ok(updated.ToDto()) : WebexErrors.NotFound(http);
    }

    private static Results<NoContent, JsonHttpResult<WebexError>> Delete(HttpContext http, WebhookService webhooks, string webhookId)
    {
        var webhook = webhooks.Get(http.Caller(), webhookId);
        if (webhook is null) return WebexErrors.NotFound(http);
        webhooks.Delete(webhook);
        return TypedResults.NoContent();
    }
}
