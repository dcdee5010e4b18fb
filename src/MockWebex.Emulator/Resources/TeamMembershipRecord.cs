namespace MockWebex.Resources;

public sealed class TeamMembershipRecord
{
    public string Id { get; set; } = "";
    public long Seq { get; set; }
    public string TeamId { get; set; } = "";
    public string PersonId { get; set; } = "";
    public string PersonEmail { get; set; } = "";
    public string PersonDisplayName { get; set; } = "";
    public string PersonOrgId { get; set; } = "";
    public bool IsModerator { get; set; }
    public string Created { get; set; } = "";
}
