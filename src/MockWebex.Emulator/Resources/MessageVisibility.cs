namespace MockWebex.Resources;

/// <summary>
/// Which messages a member of a room may see, the one rule behind GET /v1/messages/{id}, card submissions
/// and webhook delivery: people see every message of their rooms; a bot sees a group-room message only when
/// it wrote it or is mentioned in it (Webex: "bots only receive messages that mention them" in group rooms).
/// </summary>
public static class MessageVisibility
{
    public static bool MemberMaySee(bool viewerIsBot, string viewerId, bool isGroupRoom, string authorId, IEnumerable<string>? mentionedPeople) =>
        !viewerIsBot || !isGroupRoom || authorId == viewerId || mentionedPeople?.Contains(viewerId) == true;
}
