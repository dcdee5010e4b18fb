using System.Collections.Concurrent;
using MockWebex.Resources;

namespace MockWebex.Storage;

/// <summary>
/// The people the emulator made up (actors, mentioned or invited people), kept so they can be fetched after a restart.
/// People retention never prunes (token holders, the made-up actors) are also held in memory once read or stored: a
/// trigger reads its actor every time, and that read was ≈0.2 ms of LiteDB (profiled), a fifth of a trigger's cost.
/// </summary>
public sealed class PersonRepository
{
    private readonly WebexStore _store;
    private readonly ConcurrentDictionary<string, PersonRecord> _kept = new(StringComparer.Ordinal);

    public PersonRepository(WebexStore store)
    {
        _store = store;
        store.Cleared += () =>
        {
            lock (_kept) _kept.Clear();
        };
    }

    public PersonRecord? Find(string personId)
    {
        if (_kept.TryGetValue(personId, out var kept)) return kept;
        var resets = _store.Resets;
        var found = _store.People.FindById(OrderKeys.Key(personId));
        if (found is not null) _store.AfterCommit(() => Keep(found, resets)); // inside a command it may be its own uncommitted insert
        return found;
    }

    /// <summary>By email, case-insensitively (the key is the lowercased email).</summary>
    public PersonRecord? FindByEmail(string email) => _store.People.FindOne(p => p.EmailKey == email.ToLowerInvariant());

    /// <summary>
    /// The expression of the index that finds people by the start of their display name, case-insensitively. It reads
    /// the matching range of the index only: a search read every stored person before.
    /// </summary>
    internal const string DisplayNameKey = "LOWER($.DisplayName)";

    /// <summary>
    /// Stored people whose display name may start with <paramref name="prefix"/>, in no particular order: the index range
    /// from the lowercased prefix up to the same with its last character raised. The caller checks each name, as that
    /// bound is exact for the ordinal collation of files made since it became the default, and only close for older files.
    /// </summary>
    public IEnumerable<PersonRecord> WithDisplayNamePrefix(string prefix)
    {
        var first = prefix.ToLowerInvariant();
        if (first[^1] == char.MaxValue) return _store.People.FindAll();
        var last = first[..^1] + (char)(first[^1] + 1);
        return _store.People.Find(Filters.Between(DisplayNameKey, first, last));
    }

    public void Insert(PersonRecord person)
    {
        var resets = _store.Resets;
        _store.People.Insert(person);
        _store.AfterCommit(() => Keep(person, resets)); // a command that rolls back must not leave it here
    }

    public void Save(PersonRecord person)
    {
        var resets = _store.Resets;
        _store.People.Upsert(person);
        _store.AfterCommit(() => Keep(person, resets));
    }

    /// <summary>
    /// Holds a person read or written while the store's <see cref="WebexStore.Resets"/> was <paramref name="resets"/>,
    /// unless a reset has come since: one read just before a reset and kept just after was found by
    /// GET /v1/people/{id} after the reset (the same race as WebhookService's). One that was in fact written after the
    /// reset is then only read from the file again next time.
    /// </summary>
    private void Keep(PersonRecord person, long resets)
    {
        if (person.Triggered) return;
        lock (_kept)
            if (_store.Resets == resets) _kept[person.Id] = person;
    }
}
