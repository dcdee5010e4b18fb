using System.Security.Cryptography;
using System.Text;
using Bogus;

namespace MockWebex.Common;

/// <summary>
/// Made-up data that is the same every time for the same key (a person's name for a token, a room's
/// title for its id). One Faker is shared under a lock and re-seeded per call: building a Faker costs
/// more than everything else a triggered event does (profiled), and Faker is not thread-safe.
/// </summary>
public static class StableFaker
{
    private static readonly Faker Shared = new();
    private static readonly Lock Gate = new();

    public static T Generate<T>(string key, Func<Faker, T> generate)
    {
        lock (Gate)
        {
            Shared.Random = new Randomizer(Seed(key));
            return generate(Shared);
        }
    }

    /// <summary>A GUID derived from the key (SHA-256), for ids that must not change between runs.</summary>
    public static Guid StableGuid(string key) => new(SHA256.HashData(Encoding.UTF8.GetBytes(key)).AsSpan(0, 16));

    private static int Seed(string key) => BitConverter.ToInt32(StableGuid(key).ToByteArray(), 0);
}
