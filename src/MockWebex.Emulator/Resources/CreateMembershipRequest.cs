namespace MockWebex.Resources;

public sealed record CreateMembershipRequest(string RoomId, string? PersonId, string? PersonEmail, bool? IsModerator);
