using MockWebex.Auth;
using MockWebex.Common;
using MockWebex.Delivery;
using MockWebex.Storage;

namespace MockWebex.Resources;

/// <summary>Card submissions: a reader of a card's message submits it; the card's author hears of it and may read it back.</summary>
public sealed class AttachmentActionService(WebexStore store, Conversations conversations, MessageService messages, EventPublisher publisher, TimeProvider clock)
{
    public CommandResult<AttachmentActionRecord> Create(Identity caller, CreateAttachmentActionRequest request)
    {
        if (request.Type != "submit") return (WebexProblem)$"Invalid value for type: '{request.Type}'. Allowed values: submit.";
        if (string.IsNullOrEmpty(request.MessageId)) return (WebexProblem)"messageId cannot be empty.";
        if (request.Inputs is not { } inputs) return (WebexProblem)"inputs must be an object of the card's input values.";
        return store.InTransaction<CommandResult<AttachmentActionRecord>>(() =>
        {
            if (messages.Readable(caller, request.MessageId) is not { } message) return WebexProblem.NotFound;
            if (message.AttachmentsJson is null) return (WebexProblem)"The message has no card to submit.";
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
            return action;
        });
    }

    /// <summary>Readable by whoever submitted it and by the card's author.</summary>
    public AttachmentActionRecord? Readable(Identity caller, string actionId)
    {
        if (conversations.AttachmentAction(actionId) is not { } action) return null;
        var cardAuthor = conversations.Message(action.MessageId)?.PersonId;
        return action.PersonId == caller.PersonId || cardAuthor == caller.PersonId ? action : null;
    }
}
