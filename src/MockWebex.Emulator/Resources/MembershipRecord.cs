namespace MockWebex.Resources;

public sealed class MembershipRecord
{
    /// <summary>MEMBERSHIP/&lt;personUuid&gt;:&lt;roomUuid&gt;, as Webex builds it.</summary>
    public string Id { get; set; } = "";
    /// <summary>The document's key in the data file: a digest of <see cref="Id"/> (see Storage.OrderKeys.Key), not stored as a field of its own.</summary>
    public string Key => Storage.OrderKeys.Key(Id);
    public long Seq { get; set; }
    public string RoomId { get; set; } = "";
    /// <summary>Person, then position: the storage key that pages a person's memberships (set by Storage).</summary>
    public string PersonOrder { get; set; } = "";
    /// <summary>Room, then person: the storage key that finds one membership or a room's members (set by Storage).</summary>
    public string RoomPerson { get; set; } = "";
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
