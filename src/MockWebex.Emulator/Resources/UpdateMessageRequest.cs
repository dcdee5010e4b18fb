using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace MockWebex.Resources;

public sealed record UpdateMessageRequest(string RoomId, string? Text, string? Markdown);
