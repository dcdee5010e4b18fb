using System.Text.Json.Nodes;
using MockWebex.Auth;
using MockWebex.Common;
using MockWebex.Delivery;

using MockWebex.Storage;

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

    private static async Task<IResult> Create(HttpContext http, WebexStore store, Conversations conversations, EventPublisher publisher, TimeProvider clock)
    {
        var (body, error) = await JsonRequest.ReadObjectAsync(http);
        if (error is not null) return error;
        if (!JsonRequest.TryGetString(body!, "type", out var type, out var problem) || !JsonRequest.TryGetString(body!, "messageId", out var messageId, out problem))
            return WebexErrors.BadRequest(http, problem!);
        if (type != "submit") return WebexErrors.BadRequest(http, $"Invalid value for type: '{type}'. Allowed values: submit.");
        if (string.IsNullOrEmpty(messageId)) return WebexErrors.BadRequest(http, "messageId cannot be empty.");
        if (body!["inputs"] is not JsonObject inputs) return WebexErrors.BadRequest(http, "inputs must be an object of the card's input values.");
        return store.InTransaction<IResult>(() =>
        {
            if (MessagesApi.Readable(http, conversations, messageId) is not { } message) return WebexErrors.NotFound(http);
            if (message.AttachmentsJson is null) return WebexErrors.BadRequest(http, "The message has no card to submit.");

            var caller = http.Caller();
            var action = new AttachmentActionRecord
            {
                Id = WebexIds.New("ATTACHMENT_ACTION"),
                MessageId = message.Id,
                PersonId = caller.PersonId,
                RoomId = message.RoomId,
                InputsJson = inputs.ToJsonString(),
                Created = WebexTime.Now(clock),
            };
            conversations.AddAttachmentAction(action);
            publisher.Publish([ResourceEvents.AttachmentAction(action, caller, message.PersonId)]);
            return TypedResults.Ok(action.ToDto());
        });
    }

    /// <summary>Readable by whoever submitted it and by the card's author.</summary>
    private static IResult Get(HttpContext http, Conversations conversations, string actionId)
    {
        var caller = http.Caller();
        if (conversations.AttachmentAction(actionId) is not { } action) return WebexErrors.NotFound(http);
        var cardAuthor = conversations.Message(action.MessageId)?.PersonId;
        return action.PersonId == caller.PersonId || cardAuthor == caller.PersonId ? TypedResults.Ok(action.ToDto()) : WebexErrors.NotFound(http);
    }
}
