using System.Text.Json.Nodes;

namespace MockWebex.Resources;

public sealed record AttachmentActionDto(string Id, string Type, string MessageId, JsonNode? Inputs, string PersonId, string RoomId, string Created);
