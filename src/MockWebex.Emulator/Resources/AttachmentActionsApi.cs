using MockWebex.Auth;
using MockWebex.Common;

namespace MockWebex.Resources;

/// <summary>/v1/attachment/actions: submitting a card. The card's author hears of it through attachmentActions:created and reads the inputs here.</summary>
public static class AttachmentActionsApi
{
    public static IEndpointRouteBuilder MapAttachmentActionsApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/v1/attachment/actions").WithTags("Attachment Actions").ProducesWebexErrors(400, 401, 404, 415);
        group.MapPost("/", Create).Accepts<CreateAttachmentActionRequest>(isOptional: true, "application/json", "*/*").Produces<AttachmentActionDto>()
            .WithName("CreateAttachmentAction").WithSummary("Submit a card; fires attachmentActions:created to the card's author");
        group.MapGet("/{actionId}", Get).Produces<AttachmentActionDto>().WithName("GetAttachmentAction").WithSummary("Get a submission with its inputs");
        return routes;
    }

    private static IResult Create(HttpContext http, CreateAttachmentActionRequest body, AttachmentActionService actions) =>
        actions.Create(http.Caller(), body).ToHttp(http, action => TypedResults.Ok(action.ToDto()));

    private static IResult Get(HttpContext http, AttachmentActionService actions, string actionId) =>
        actions.Readable(http.Caller(), actionId) is { } action ? TypedResults.Ok(action.ToDto()) : WebexErrors.NotFound(http);
}
