using System.Text.Json.Serialization;

namespace MockWebex.Resources;

public sealed record TeamDto(
    string Id, string Name,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Description,
    string CreatorId, string Created);
