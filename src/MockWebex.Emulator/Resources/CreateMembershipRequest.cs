using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace MockWebex.Resources;

public sealed record CreateMembershipRequest(string RoomId, string? PersonId, string? PersonEmail, bool? IsModerator);
