using MockWebex.Resources;

namespace MockWebex.Storage;

/// <summary>The people the emulator made up (actors, mentioned or invited people), kept so they can be fetched after a restart.</summary>
public sealed class PersonRepository(WebexStore store)
{
    public PersonRecord? Find(string personId) => store.People.FindById(personId);

    /// <summary>By email, case-insensitively (the key is the lowercased email).</summary>
    public PersonRecord? FindByEmail(string email) => store.People.FindOne(p => p.EmailKey == email.ToLowerInvariant());

    public IEnumerable<PersonRecord> All() => store.People.FindAll();

    public void Insert(PersonRecord person) => store.People.Insert(person);

    public void Save(PersonRecord person) => store.People.Upsert(person);
}
