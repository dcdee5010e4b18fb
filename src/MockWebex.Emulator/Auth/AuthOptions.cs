namespace MockWebex.Auth;

public sealed class AuthOptions
{
    public const string Section = "Auth";

    /// <summary>When true, only tokens named in the identities file are accepted; others get 401.</summary>
    public bool Strict { get; set; }

    public const string DefaultIdentitiesFile = "fixtures/identities.json";

    /// <summary>
    /// JSON file naming tokens; relative paths are tried against the working directory, then the app folder.
    /// When the default is on neither, the built-in fixtures' identities.json is used.
    /// </summary>
    public string IdentitiesFile { get; set; } = DefaultIdentitiesFile;

    /// <summary>Org name that derived (unnamed) identities belong to; one name = one org id.</summary>
    public string DefaultOrg { get; set; } = "mockwebex";
}
