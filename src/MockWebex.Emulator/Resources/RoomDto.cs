using System.Text.Json.Serialization;

namespace MockWebex.Resources;

public sealed record RoomDto(
    string Id, string Title, string Type, bool IsLocked,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? TeamId,
    string LastActivity, string CreatorId, string Created, string OwnerId);
