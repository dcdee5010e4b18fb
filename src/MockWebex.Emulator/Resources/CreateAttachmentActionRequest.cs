using System.Text.Json.Nodes;

namespace MockWebex.Resources;

public sealed record CreateAttachmentActionRequest(string Type, string MessageId, JsonObject Inputs);
