using System.Text.Json.Nodes;

namespace MockWebex.Resources;

public sealed record CreateMessageRequest(string? RoomId, string? ToPersonId, string? ToPersonEmail, string? ParentId, string? Text, string? Markdown, IReadOnlyList<string>? Files, JsonArray? Attachments);
