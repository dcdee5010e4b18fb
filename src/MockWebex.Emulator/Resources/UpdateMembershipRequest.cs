using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace MockWebex.Resources;

public sealed record UpdateMembershipRequest(bool? IsModerator, bool? IsRoomHidden);
