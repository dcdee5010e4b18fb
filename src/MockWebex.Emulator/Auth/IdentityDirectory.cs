using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;
using MockWebex.Common;

namespace MockWebex.Auth;

/// <summary>
/// Maps bearer tokens to identities. Named tokens come from the identities file; any other token
/// (unless strict) gets a stable identity derived from a hash of the token, so two tokens are two
/// isolated users and the same token is the same user across restarts.
/// </summary>
public sealed class IdentityDirectory
{
    private readonly AuthOptions _options;
    private readonly Dictionary<string, Identity> _named;
    private readonly ConcurrentDictionary<string, Identity> _derived = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Identity> _byPersonId = new(StringComparer.Ordinal);

    public IdentityDirectory(IOptions<AuthOptions> options, IHostEnvironment environment)
    {
        _options = options.Value;
        _named = IdentitiesFile.Load(_options, environment.ContentRootPath);
        foreach (var identity in _named.Values) _byPersonId[identity.PersonId] = identity;
    }

    public IReadOnlyCollection<Identity> Known => _byPersonId.Values.ToArray();

    public Identity? Resolve(string token)
    {
        if (_named.TryGetValue(token, out var named)) return named;
        if (_options.Strict) return null;
        return _derived.GetOrAdd(token, t =>
        {
            var identity = Derive("token:" + t, OrgIdFor(_options.DefaultOrg));
            _byPersonId[identity.PersonId] = identity;
            return identity;
        });
    }

    /// <summary>Whether a person is a bot (bots only hear group messages that mention them).</summary>
    public bool IsBot(string personId) => FindByPersonId(personId)?.IsBot == true;

    public Identity? FindByPersonId(string personId) => _byPersonId.GetValueOrDefault(personId) ?? RecentGenerated(personId);

    public Identity? FindByEmail(string email) =>
        _byPersonId.Values.FirstOrDefault(i => string.Equals(i.Email, email, StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// Keeps the newest made-up actors (at most <see cref="RecentGeneratedLimit"/>), so a later step of a
    /// scenario can act as an earlier step's actor. Bounded: 100k triggers once kept 100k identities here.
    /// Older ones live on as stored people (PeopleDirectory) until retention prunes them.
    /// </summary>
    public void RememberGenerated(Identity identity)
    {
        lock (_recentGenerated)
        {
            if (_recentGeneratedById.TryAdd(identity.PersonId, identity)) _recentGenerated.Enqueue(identity.PersonId);
            while (_recentGenerated.Count > RecentGeneratedLimit) _recentGeneratedById.Remove(_recentGenerated.Dequeue());
        }
    }

    /// <summary>Forgets made-up actors (POST /_emulator/reset).</summary>
    public void ForgetGenerated()
    {
        lock (_recentGenerated)
        {
            _recentGenerated.Clear();
            _recentGeneratedById.Clear();
        }
    }

    public const int RecentGeneratedLimit = 1000;
    private readonly Queue<string> _recentGenerated = new();
    private readonly Dictionary<string, Identity> _recentGeneratedById = new(StringComparer.Ordinal);

    private Identity? RecentGenerated(string personId)
    {
        lock (_recentGenerated) return _recentGeneratedById.GetValueOrDefault(personId);
    }

    public static string OrgIdFor(string orgName) => WebexIds.Encode("ORGANIZATION", StableGuid("org:" + orgName).ToString());

    public static string AppIdFor(string orgId) =>
        WebexIds.Encode("APPLICATION", "C" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes("app:" + orgId))));

    /// <summary>A person with a realistic name, stable for the same key.</summary>
    public static Identity Derive(string key, string orgId, bool isAdmin = false)
    {
        var (first, last, email) = StableFaker.Generate(key, faker =>
        {
            var first = faker.Name.FirstName();
            var last = faker.Name.LastName();
            return (first, last, faker.Internet.Email(first, last, "example.com").ToLowerInvariant());
        });
        return new Identity(WebexIds.Encode("PEOPLE", StableGuid(key).ToString()), email, $"{first} {last}", orgId, AppIdFor(orgId), isAdmin);
    }

    public static Guid StableGuid(string key) => StableFaker.StableGuid(key);

    private static class IdentitiesFile
    {
        private sealed record Entry(string Token, string? Email, string? DisplayName, string? Org, bool IsAdmin, string? Type, string? PersonId);
        private sealed record FileShape(List<Entry> Identities);

        public static Dictionary<string, Identity> Load(AuthOptions options, string contentRoot)
        {
            var path = new[] { options.IdentitiesFile, Path.Combine(contentRoot, options.IdentitiesFile), Path.Combine(AppContext.BaseDirectory, options.IdentitiesFile) }
                .FirstOrDefault(File.Exists);
            var result = new Dictionary<string, Identity>(StringComparer.Ordinal);
            var builtIn = EmbeddedFiles.Fixtures.GetFileInfo("identities.json");
            var text = path is not null ? File.ReadAllText(path)
                : options.IdentitiesFile == AuthOptions.DefaultIdentitiesFile && builtIn.Exists ? Fixtures.FixtureCatalog.ReadAllText(builtIn)
                : null;
            if (text is null) return result;
            var file = JsonSerializer.Deserialize<FileShape>(text, JsonSerializerOptions.Web)
                ?? throw new InvalidOperationException($"Identities file {path ?? "(built in)"} is empty.");
            foreach (var entry in file.Identities)
            {
                var orgId = OrgIdFor(entry.Org ?? options.DefaultOrg);
                var derived = Derive("token:" + entry.Token, orgId, entry.IsAdmin);
                result[entry.Token] = derived with
                {
                    PersonId = entry.PersonId ?? derived.PersonId,
                    Email = entry.Email ?? derived.Email,
                    DisplayName = entry.DisplayName ?? derived.DisplayName,
                    Type = entry.Type ?? "person",
                };
            }
            return result;
        }
    }
}
