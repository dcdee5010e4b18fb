namespace MockWebex.Resources;

public sealed record MembershipDto(
    string Id, string RoomId, string PersonId, string PersonEmail, string PersonDisplayName, string PersonOrgId,
    bool IsModerator, bool IsMonitor, bool IsRoomHidden, string RoomType, string Created);
