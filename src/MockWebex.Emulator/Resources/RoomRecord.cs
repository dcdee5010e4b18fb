namespace MockWebex.Resources;

public sealed class RoomRecord
{
    public string Id { get; set; } = "";
    /// <summary>The document's key in the data file: a digest of <see cref="Id"/> (see Storage.OrderKeys.Key), not stored as a field of its own.</summary>
    public string Key => Storage.OrderKeys.Key(Id);
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
    /// <summary>A 1:1 room's two members as one key (set by Conversations.CreateRoom), so the room of two people is found by it.</summary>
    public string? DirectPair { get; set; }
    /// <summary>Made up for a triggered event: pruned by retention.</summary>
    public bool Triggered { get; set; }

    /// <summary>The room's key in the index sortBy=lastactivity walks backwards: <see cref="LastActivity"/>, then <see cref="Seq"/> at a tie.</summary>
    public string ActivityOrder => Storage.OrderKeys.At(LastActivity, Seq);
    /// <summary>The room's key in the index sortBy=created walks backwards: <see cref="Created"/>, then <see cref="Seq"/> at a tie.</summary>
    public string CreatedOrder => Storage.OrderKeys.At(Created, Seq);

    public bool IsDirect => Type == "direct";
}
