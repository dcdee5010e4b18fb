using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace MockWebex.Resources;

// The objects of the REST API with their common fields, in the order Webex writes them. Optional
// fields are left out when unset, as Webex does.

public sealed record ItemList<T>(IReadOnlyList<T> Items);

public sealed record PersonDto(
    string Id, IReadOnlyList<string> Emails, IReadOnlyList<object> PhoneNumbers, string DisplayName, string NickName,
    string FirstName, string LastName, string OrgId, string Created, string Status, string Type);

public sealed record RoomDto(
    string Id, string Title, string Type, bool IsLocked,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? TeamId,
    string LastActivity, string CreatorId, string Created, string OwnerId);

public sealed record MembershipDto(
    string Id, string RoomId, string PersonId, string PersonEmail, string PersonDisplayName, string PersonOrgId,
    bool IsModerator, bool IsMonitor, bool IsRoomHidden, string RoomType, string Created);

public sealed record MessageDto(
    string Id,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? ParentId,
    string RoomId,
    string RoomType,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? ToPersonId,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? ToPersonEmail,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Text,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Markdown,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Html,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<string>? Files,
    string PersonId,
    string PersonEmail,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<string>? MentionedPeople,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<string>? MentionedGroups,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] JsonNode? Attachments,
    string Created,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Updated);

public sealed record AttachmentActionDto(string Id, string Type, string MessageId, JsonNode? Inputs, string PersonId, string RoomId, string Created);

/// <summary>Request bodies, for the OpenAPI document only: handlers validate the raw JSON to answer Webex's errors.</summary>
public sealed record CreateRoomRequest(string Title, string? TeamId);
public sealed record UpdateRoomRequest(string Title, bool? IsLocked);
public sealed record CreateMembershipRequest(string RoomId, string? PersonId, string? PersonEmail, bool? IsModerator);
public sealed record UpdateMembershipRequest(bool? IsModerator, bool? IsRoomHidden);
public sealed record UpdateMessageRequest(string RoomId, string? Text, string? Markdown);
public sealed record CreateMessageRequest(string? RoomId, string? ToPersonId, string? ToPersonEmail, string? ParentId, string? Text, string? Markdown, IReadOnlyList<string>? Files, JsonArray? Attachments);
public sealed record CreateAttachmentActionRequest(string Type, string MessageId, JsonObject Inputs);

public static class ResourceMapping
{
    public static PersonDto ToDto(this PersonRecord p)
    {
        var names = p.DisplayName.Split(' ', 2);
        return new(p.Id, [p.Email], [], p.DisplayName, names[0], names[0], names.Length > 1 ? names[1] : "", p.OrgId, p.Created, "unknown", p.Type);
    }

    public static RoomDto ToDto(this RoomRecord r) =>
        new(r.Id, r.Title, r.Type, r.IsLocked, r.TeamId, r.LastActivity, r.CreatorId, r.Created, r.OwnerId);

    public static MembershipDto ToDto(this MembershipRecord m) =>
        new(m.Id, m.RoomId, m.PersonId, m.PersonEmail, m.PersonDisplayName, m.PersonOrgId, m.IsModerator, m.IsMonitor, m.IsRoomHidden, m.RoomType, m.Created);

    public static MessageDto ToDto(this MessageRecord m) =>
        new(m.Id, m.ParentId, m.RoomId, m.RoomType, m.ToPersonId, m.ToPersonEmail, m.Text, m.Markdown, m.Html, m.Files,
            m.PersonId, m.PersonEmail, m.MentionedPeople, m.MentionedGroups,
            m.AttachmentsJson is null ? null : JsonNode.Parse(m.AttachmentsJson), m.Created, m.Updated);

    public static AttachmentActionDto ToDto(this AttachmentActionRecord a) =>
        new(a.Id, a.Type, a.MessageId, JsonNode.Parse(a.InputsJson), a.PersonId, a.RoomId, a.Created);
}
