namespace MockWebex.Resources;

public sealed record UpdateRoomRequest(string Title, bool? IsLocked);
