namespace MockWebex.Resources;

public sealed record TeamMembershipDto(
    string Id, string TeamId, string PersonId, string PersonEmail, string PersonDisplayName, string PersonOrgId, bool IsModerator, string Created);
