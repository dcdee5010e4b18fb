using MockWebex.Auth;
using MockWebex.Common;
using MockWebex.Storage;

namespace MockWebex.Resources;

/// <summary>
/// Everyone the People API can return: token holders (from the identity directory) and people the
/// emulator made up — event actors, mentioned or invited people — which are kept in LiteDB so a
/// message's sender can still be fetched after a restart.
/// </summary>
public sealed class PeopleDirectory(IdentityDirectory identities, PersonRepository people, WebexStore store)
{
    /// <summary>Token holders from the directory; everyone else (made-up actors included) from the store, so retention really removes them.</summary>
    public PersonRecord? Find(string personId) =>
        identities.FindByPersonId(personId) is { Generated: false } identity ? FromIdentity(identity) : people.Find(personId);

    public PersonRecord? FindByEmail(string email) =>
        identities.FindByEmail(email) is { } identity ? FromIdentity(identity)
        : people.FindByEmail(email);

    /// <summary>Everyone known whose display name starts with <paramref name="prefix"/>, case-insensitively, in no particular order.</summary>
    public IEnumerable<PersonRecord> WithDisplayNamePrefix(string prefix) =>
        identities.Known.Select(FromIdentity).Concat(people.WithDisplayNamePrefix(prefix).Where(p => identities.FindByPersonId(p.Id) is null))
            .Where(p => p.DisplayName.StartsWith(prefix, StringComparison.OrdinalIgnoreCase));

    /// <summary>Makes sure a person exists, inventing a realistic name for an id or email seen for the first time.</summary>
    public PersonRecord Ensure(string personId, string? email = null, string? displayName = null, string? orgId = null, bool triggered = false)
    {
        if (Find(personId) is { } known) return known;
        var derived = IdentityDirectory.Derive("person:" + personId, orgId ?? IdentityDirectory.OrgIdFor("mockwebex"));
        var person = new PersonRecord
        {
            Id = personId,
            Email = email ?? derived.Email,
            EmailKey = (email ?? derived.Email).ToLowerInvariant(),
            DisplayName = displayName ?? derived.DisplayName,
            OrgId = orgId ?? derived.OrgId,
            Created = StableCreated(personId),
            Triggered = triggered,
            Seq = store.NextResourceSeq(),
        };
        people.Save(person);
        return person;
    }

    /// <summary>The person behind an email, creating one (Webex invites unknown addresses) when nobody has it.</summary>
    public PersonRecord EnsureEmail(string email, string orgId) =>
        FindByEmail(email) ?? Ensure(WebexIds.Encode("PEOPLE", IdentityDirectory.StableGuid("email:" + email.ToLowerInvariant()).ToString()), email, null, orgId);

    /// <summary>Why a body naming a person by exactly one of personId or personEmail (memberships, team memberships) does not; null when it does.</summary>
    public static WebexProblem? CheckReference(string? personId, string? personEmail)
    {
        if (string.IsNullOrEmpty(personId) == string.IsNullOrEmpty(personEmail)) return "Exactly one of personId or personEmail is required.";
        if (personId is not null && WebexIds.TryDecode(personId)?.Type != "PEOPLE") return $"Invalid value for personId: '{personId}' is not a person id.";
        return null;
    }

    /// <summary>The person a checked reference names, invited when unknown (see <see cref="CheckReference"/>).</summary>
    public PersonRecord EnsureReference(string? personId, string? personEmail, string orgId) =>
        personId is not null ? Ensure(personId) : EnsureEmail(personEmail!, orgId);

    /// <summary>Keeps an identity (a caller joining a room, a generated actor) so GET /v1/people/{id} finds it after a restart too.</summary>
    public PersonRecord Remember(Identity identity)
    {
        if (people.Find(identity.PersonId) is { } stored) return stored;
        // Token holders and the made-up actors stay: both are bounded sets (Events:GeneratedActors), and a
        // made-up actor acts again long after it was stored, so pruning it by age would orphan new events.
        var person = FromIdentity(identity);
        person.Seq = store.NextResourceSeq();
        people.Insert(person);
        return person;
    }

    public static PersonRecord FromIdentity(Identity identity) => new()
    {
        Id = identity.PersonId,
        Email = identity.Email,
        EmailKey = identity.Email.ToLowerInvariant(),
        DisplayName = identity.DisplayName,
        OrgId = identity.OrgId,
        Type = identity.Type,
        Created = StableCreated(identity.PersonId),
    };

    /// <summary>A plausible account creation date (2016–2023) that stays the same for the same person.</summary>
    private static string StableCreated(string personId)
    {
        var seconds = BitConverter.ToUInt32(StableFaker.StableGuid("created:" + personId).ToByteArray(), 0) % (8u * 365 * 24 * 3600);
        return WebexTime.Format(new DateTimeOffset(2016, 1, 1, 0, 0, 0, TimeSpan.Zero).AddSeconds(seconds));
    }
}
