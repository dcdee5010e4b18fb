using System.Text.Json.Nodes;

namespace MockWebex.Events;

/// <summary>
/// Something that happened in the emulated Webex. Visibility decides which webhooks may hear of it:
/// <see cref="VisibleTo"/> lists the people who can see it (room members); null means everyone in
/// <see cref="OrgId"/>, and a null org means everyone (a triggered event without an actor).
/// </summary>
public sealed record WebexEvent(
    string Id,
    string Resource,
    string Event,
    string ActorId,
    JsonObject Data,
    string? OrgId = null,
    IReadOnlyCollection<string>? VisibleTo = null)
{
    public string Name => $"{Resource}.{Event}";

    /// <summary>For messages in group rooms: bots only hear those that mention them.</summary>
    public IReadOnlyCollection<string>? MentionedPeople { get; init; }

    public bool IsGroupRoom => Data["roomType"]?.GetValue<string>() == "group";
}
