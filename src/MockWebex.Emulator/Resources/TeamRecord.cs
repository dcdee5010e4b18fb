namespace MockWebex.Resources;

/// <summary>A team: a group of people with a general room (named like the team) that every member is in.</summary>
public sealed class TeamRecord
{
    public string Id { get; set; } = "";
    public long Seq { get; set; }
    public string Name { get; set; } = "";
    public string? Description { get; set; }
    public string CreatorId { get; set; } = "";
    public string GeneralRoomId { get; set; } = "";
    public string Created { get; set; } = "";
}
