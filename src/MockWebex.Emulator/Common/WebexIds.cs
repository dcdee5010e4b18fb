using System.Text;

namespace MockWebex.Common;

/// <summary>Webex IDs: base64 (padding stripped) of <c>ciscospark://us/TYPE/uuid</c>.</summary>
public static class WebexIds
{
    public const string Region = "us";

    public static string Encode(string type, string localId) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes($"ciscospark://{Region}/{type}/{localId}")).TrimEnd('=');

    public static string New(string type) => Encode(type, Guid.NewGuid().ToString());

    /// <summary>Webex membership ids join the person's and the room's UUIDs: MEMBERSHIP/&lt;personUuid&gt;:&lt;roomUuid&gt;.</summary>
    public static string MembershipId(string personId, string roomId) => JoinedId("MEMBERSHIP", personId, roomId);

    /// <summary>A membership-style id of <paramref name="type"/>: TYPE/&lt;personUuid&gt;:&lt;groupUuid&gt; (a room's or a team's).</summary>
    public static string JoinedId(string type, string personId, string groupId) =>
        Encode(type, $"{TryDecode(personId)?.LocalId ?? personId}:{TryDecode(groupId)?.LocalId ?? groupId}");

    /// <summary>Decodes an ID into (type, localId); null when it is not a Webex-style ID.</summary>
    public static (string Type, string LocalId)? TryDecode(string id)
    {
        if (Paging.FromBase64Url(id) is not { } bytes) return null;
        var text = Encoding.UTF8.GetString(bytes);
        if (!text.StartsWith("ciscospark://", StringComparison.Ordinal)) return null;
        var parts = text["ciscospark://".Length..].Split('/', 3);
        return parts.Length == 3 ? (parts[1], parts[2]) : null;
    }
}
