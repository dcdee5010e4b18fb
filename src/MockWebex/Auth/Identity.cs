namespace MockWebex.Auth;

/// <summary>Who a bearer token belongs to. Ids are Webex-style (base64 of ciscospark://us/PEOPLE/uuid).</summary>
public sealed record Identity(
    string PersonId,
    string Email,
    string DisplayName,
    string OrgId,
    string AppId,
    bool IsAdmin,
    string Type = "person")
{
    public bool IsBot => Type == "bot";
}
