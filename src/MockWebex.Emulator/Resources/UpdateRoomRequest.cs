using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace MockWebex.Resources;

public sealed record UpdateRoomRequest(string Title, bool? IsLocked);
