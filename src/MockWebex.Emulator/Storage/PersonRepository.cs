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
        store.Cleared += _kept.Clear;
    }

    public PersonRecord? Find(string personId)
    {
        if (_kept.TryGetValue(personId, out var kept)) return kept;
        var found = _store.People.FindById(OrderKeys.Key(personId));
        if (found is not null) _store.AfterCommit(() => Keep(found)); // inside a command it may be its own uncommitted insert
        return found;
    }

    /// <summary>By email, case-insensitively (the key is the lowercased email).</summary>
    public PersonRecord? FindByEmail(string email) => _store.People.FindOne(p => p.EmailKey == email.ToLowerInvariant());

    public IEnumerable<PersonRecord> All() => _store.People.FindAll();

    public void Insert(PersonRecord person)
    {
        _store.People.Insert(person);
        _store.AfterCommit(() => Keep(person)); // a command that rolls back must not leave it here
    }

    public void Save(PersonRecord person)
    {
        _store.People.Upsert(person);
        _store.AfterCommit(() => Keep(person));
    }

    private void Keep(PersonRecord person)
    {
        if (!person.Triggered) _kept[person.Id] = person;
    }
}
