using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace MockWebex.Resources;

public sealed record CreateAttachmentActionRequest(string Type, string MessageId, JsonObject Inputs);
