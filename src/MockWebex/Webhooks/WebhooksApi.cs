using System.Text;
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
        // a 404 via the /v1 fallback: the handler itself answers Webex's 415/400.
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
        var pageSize = MaxPageSize;
        if (max is not null && (!int.TryParse(max, out pageSize) || pageSize < 1))
            return WebexErrors.BadRequest(http, $"Invalid value for max: '{max}'. It must be a positive integer.");
        pageSize = Math.Min(pageSize, MaxPageSize);
        if (ownedBy is not (null or "org" or "creator"))
            return WebexErrors.BadRequest(http, $"Invalid value for ownedBy: '{ownedBy}'. Allowed values: org, creator.");
        if (!TryDecodeCursor(cursor, out var afterSeq))
            return WebexErrors.BadRequest(http, $"Invalid value for cursor: '{cursor}'.");

        var (page, more) = webhooks.List(http.Caller(), ownedBy == "org", ownedBy == "creator", afterSeq, pageSize);
        if (more)
        {
            var next = $"{PublicUrl.Base(http.Request)}/v1/webhooks?max={pageSize}"
                + (ownedBy is null ? "" : $"&ownedBy={ownedBy}")
                + $"&cursor={EncodeCursor(page[^1].Seq)}";
            http.Response.Headers.Link = $"<{next}>; rel=\"next\"";
        }
        return TypedResults.Ok(new WebhookList(page.Select(w => w.ToDto()).ToList()));
    }

    private static async Task<IResult> Create(HttpContext http, WebhookService webhooks)
    {
        var (body, error) = await JsonRequest.ReadObjectAsync(http);
        if (error is not null) return error;
        var (input, problem) = WebhookValidation.ForCreate(body!, http.Caller());
        if (problem is not null) return Problem(http, problem);
        return TypedResults.Ok(webhooks.Create(http.Caller(), input!).ToDto());
    }

    private static Results<Ok<WebhookDto>, JsonHttpResult<WebexError>> Get(HttpContext http, WebhookService webhooks, string webhookId) =>
        webhooks.Get(http.Caller(), webhookId) is { } webhook ? TypedResults.Ok(webhook.ToDto()) : WebexErrors.NotFound(http);

    private static async Task<IResult> Update(HttpContext http, WebhookService webhooks, string webhookId)
    {
        var webhook = webhooks.Get(http.Caller(), webhookId);
        if (webhook is null) return WebexErrors.NotFound(http);
        var (body, error) = await JsonRequest.ReadObjectAsync(http);
        if (error is not null) return error;
        var (input, problem) = WebhookValidation.ForUpdate(body!);
        if (problem is not null) return Problem(http, problem);
        return TypedResults.Ok(webhooks.Update(webhook, input!).ToDto());
    }

    private static Results<NoContent, JsonHttpResult<WebexError>> Delete(HttpContext http, WebhookService webhooks, string webhookId)
    {
        var webhook = webhooks.Get(http.Caller(), webhookId);
        if (webhook is null) return WebexErrors.NotFound(http);
        webhooks.Delete(webhook);
        return TypedResults.NoContent();
    }

    private static IResult Problem(HttpContext http, string problem) =>
        problem.StartsWith(WebhookValidation.ForbiddenPrefix, StringComparison.Ordinal)
            ? WebexErrors.Status(http, 403, problem[WebhookValidation.ForbiddenPrefix.Length..])
            : WebexErrors.BadRequest(http, problem);

    // The cursor is opaque to clients: base64url of the last item's sequence number.
    private static string EncodeCursor(long seq) =>
        Convert.ToBase64String(Encoding.ASCII.GetBytes(seq.ToString(System.Globalization.CultureInfo.InvariantCulture))).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static bool TryDecodeCursor(string? cursor, out long afterSeq)
    {
        afterSeq = 0;
        if (string.IsNullOrEmpty(cursor)) return true;
        try
        {
            var padded = cursor.Replace('-', '+').Replace('_', '/');
            padded = padded.PadRight(padded.Length + (4 - padded.Length % 4) % 4, '=');
            return long.TryParse(Encoding.ASCII.GetString(Convert.FromBase64String(padded)), out afterSeq) && afterSeq >= 0;
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
