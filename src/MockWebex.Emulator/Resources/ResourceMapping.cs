using System.Text.Json.Nodes;

namespace MockWebex.Resources;

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

    public static TeamDto ToDto(this TeamRecord t) => new(t.Id, t.Name, t.Description, t.CreatorId, t.Created);

    public static TeamMembershipDto ToDto(this TeamMembershipRecord m) =>
        new(m.Id, m.TeamId, m.PersonId, m.PersonEmail, m.PersonDisplayName, m.PersonOrgId, m.IsModerator, m.Created);

    public static AttachmentActionDto ToDto(this AttachmentActionRecord a) =>
        new(a.Id, a.Type, a.MessageId, JsonNode.Parse(a.InputsJson), a.PersonId, a.RoomId, a.Created);
}
