namespace MockWebex.Resources;

public sealed record UpdateMembershipRequest(bool? IsModerator, bool? IsRoomHidden);
