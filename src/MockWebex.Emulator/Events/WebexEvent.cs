using System.Text.Json.Nodes;

namespace MockWebex.Events;

/// <summary>
/// Something that happened in the emulated Webex. Visibility decides which webhooks may hear of it:
/// <see cref="VisibleTo"/> lists the people who can see it (room members); null means everyone in
/// <see cref="OrgId"/> and whoever it mentions, and a null org means everyone (a triggered event without an actor).
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

    /// <summary>Facts a webhook filter can test that the delivered data does not carry (a message's hasFiles).</summary>
    public JsonObject? FilterOnly { get; init; }

    /// <summary>Generated from a fixture (not caused by an API call): its resources are created when it is published.</summary>
    public bool Triggered { get; init; }

    /// <summary>For triggered events: the seed it was generated with (the same seed and request give the same event).</summary>
    public int Seed { get; init; }

    /// <summary>For triggered events: what only a GET returns (message text/markdown, room title, card inputs).</summary>
    public JsonObject? Details { get; init; }

    /// <summary>For triggered events: who acted (possibly a person made up for this event).</summary>
    public MockWebex.Auth.Identity? Actor { get; init; }

    public bool IsGroupRoom => Data["roomType"]?.GetValue<string>() == "group";

    public bool IsDirectRoom => Data["roomType"]?.GetValue<string>() == "direct";
}
