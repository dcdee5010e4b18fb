namespace MockWebex.Resources;

public sealed record UpdateMessageRequest(string RoomId, string? Text, string? Markdown);
