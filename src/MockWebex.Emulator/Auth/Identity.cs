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
    /// <summary>Made up by the emulator as an event's actor; its events reach webhooks of every org.</summary>
    public bool Generated { get; init; }

    public bool IsBot => Type == "bot";
}
