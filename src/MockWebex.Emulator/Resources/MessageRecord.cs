namespace MockWebex.Resources;

public sealed class MessageRecord
{
    public string Id { get; set; } = "";
    /// <summary>The document's key in the data file: a digest of <see cref="Id"/> (see Storage.OrderKeys.Key), not stored as a field of its own.</summary>
    public string Key => Storage.OrderKeys.Key(Id);
    public long Seq { get; set; }
    public string RoomId { get; set; } = "";
    /// <summary>Room, then position in it: the storage key that pages a room's messages (set by Storage).</summary>
    public string RoomOrder { get; set; } = "";
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
