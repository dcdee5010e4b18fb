using LiteDB;

namespace MockWebex.Resources;

// Stored shapes of the Webex resources a bot reads back after a webhook. Timestamps are Webex-formatted
// strings and every record has a Seq (insertion order) that lists page on, like webhooks.

/// <summary>A person the emulator made up (an event's actor, a mentioned or invited person); callers come from the identity directory.</summary>
public sealed class PersonRecord
{
    [BsonId] public string Id { get; set; } = "";
    public string Email { get; set; } = "";
    /// <summary>The email lowercased: emails match case-insensitively, the store compares ordinally.</summary>
    public string EmailKey { get; set; } = "";
    public string DisplayName { get; set; } = "";
    public string OrgId { get; set; } = "";
    public string Type { get; set; } = "person";
    public string Created { get; set; } = "";
    /// <summary>Made up for a triggered event: pruned by retention (Storage:ResourceRetention), unlike what API calls made.</summary>
    public bool Triggered { get; set; }
    /// <summary>Order of creation on the resource counter, for retention.</summary>
    public long Seq { get; set; }
}

public sealed class RoomRecord
{
    [BsonId] public string Id { get; set; } = "";
    public long Seq { get; set; }
    public string Title { get; set; } = "";
    /// <summary>direct (1:1) or group.</summary>
    public string Type { get; set; } = "group";
    public bool IsLocked { get; set; }
    public string? TeamId { get; set; }
    public string LastActivity { get; set; } = "";
    public string CreatorId { get; set; } = "";
    public string OwnerId { get; set; } = "";
    public string Created { get; set; } = "";
    /// <summary>Made up for a triggered event: pruned by retention.</summary>
    public bool Triggered { get; set; }

    public bool IsDirect => Type == "direct";
}

public sealed class MembershipRecord
{
    /// <summary>MEMBERSHIP/&lt;personUuid&gt;:&lt;roomUuid&gt;, as Webex builds it.</summary>
    [BsonId] public string Id { get; set; } = "";
    public long Seq { get; set; }
    public string RoomId { get; set; } = "";
    public string RoomType { get; set; } = "group";
    public string PersonId { get; set; } = "";
    public string PersonEmail { get; set; } = "";
    public string PersonDisplayName { get; set; } = "";
    public string PersonOrgId { get; set; } = "";
    public bool IsModerator { get; set; }
    public bool IsMonitor { get; set; }
    public bool IsRoomHidden { get; set; }
    public string Created { get; set; } = "";
    /// <summary>Made up for a triggered event: pruned by retention.</summary>
    public bool Triggered { get; set; }
}

public sealed class MessageRecord
{
    [BsonId] public string Id { get; set; } = "";
    public long Seq { get; set; }
    public string RoomId { get; set; } = "";
    public string RoomType { get; set; } = "group";
    public string? ParentId { get; set; }
    public string? ToPersonId { get; set; }
    public string? ToPersonEmail { get; set; }
    public string? Text { get; set; }
    public string? Markdown { get; set; }
    public string? Html { get; set; }
    public List<string>? Files { get; set; }
    /// <summary>Cards, kept as the JSON the client sent.</summary>
    public string? AttachmentsJson { get; set; }
    public string PersonId { get; set; } = "";
    public string PersonEmail { get; set; } = "";
    public List<string>? MentionedPeople { get; set; }
    public List<string>? MentionedGroups { get; set; }
    public string Created { get; set; } = "";
    /// <summary>Set when the message was edited.</summary>
    public string? Updated { get; set; }
    /// <summary>Made up for a triggered event: pruned by retention.</summary>
    public bool Triggered { get; set; }
}

public sealed class AttachmentActionRecord
{
    [BsonId] public string Id { get; set; } = "";
    public string Type { get; set; } = "submit";
    public string MessageId { get; set; } = "";
    public string PersonId { get; set; } = "";
    public string RoomId { get; set; } = "";
    /// <summary>The card's input values, kept as the JSON the client sent.</summary>
    public string InputsJson { get; set; } = "{}";
    public string Created { get; set; } = "";
}
