using System.Text.Json.Nodes;
using Bogus;
using Microsoft.Extensions.Options;
using MockWebex.Auth;
using MockWebex.Fixtures;
using MockWebex.Webhooks;

namespace MockWebex.Events;

/// <summary>
/// Generates realistic events from fixtures with Bogus. One Faker is built once and re-seeded per
/// event under a lock (Faker is not thread-safe and costly to build); event i of a request with seed
/// S uses seed S+i, so the same seed gives the same payloads.
/// </summary>
public sealed class EventFactory(FixtureCatalog fixtures, IdentityDirectory identities, TimeProvider clock, IOptions<EventsOptions> options)
{
    private readonly Faker _faker = new();
    private readonly Lock _gate = new();
    // The next seed for events that ask for none: with Events:Seed the run seed, so the Nth event of a run is the same
    // every run; else a random start. Each call takes the next `count` seeds, so no two triggers or scenarios of a process
    // share a seed, and so none of their ids. (Before 2026-12-01 every such call drew its own random base: two calls'
    // ranges overlapped with odds that grow with the square of the calls, and gave the same event, room and message ids
    // twice. About two pairs are expected in a run of 100,000 single-event triggers; a bot that drops events it has seen
    // drops the second.)
    private int _nextSeed = options.Value.Seed ?? Random.Shared.Next();

    /// <summary>The made-up actors derived so far (at most Events:GeneratedActors; deriving one builds names with Bogus).</summary>
    private readonly System.Collections.Concurrent.ConcurrentDictionary<uint, Identity> _generatedActors = new();

    public IReadOnlyList<WebexEvent> Create(EventRequest request, out IReadOnlyList<string> warnings)
    {
        if (!WebhookCatalog.IsValidPair(request.Resource, request.Event))
            throw new EventRequestException($"Unknown event '{request.Resource}.{request.Event}'. GET /_emulator/fixtures lists every resource.event.");
        var fixture = fixtures.Find(request.Resource, request.Event)
            ?? throw new EventRequestException($"No fixture file fixtures/events/{request.Resource}.{request.Event}.json.");
        if (request.Details?["file"] is { } file && !IsFileSpec(file))
            throw new EventRequestException("details.file must be an object: {\"name\":\"a.txt\",\"contentType\":\"text/plain\",\"text\":\"…\"} or with \"base64\" bytes.");
        if (request.Count < 1 || request.Count > options.Value.MaxCount)
            throw new EventRequestException($"count must be between 1 and {options.Value.MaxCount}, got {request.Count}.");
        // What a call may generate in all: count × what each event carries from the request (the fixture adds little).
        var perEvent = (request.Overrides?.ToJsonString().Length ?? 0) + (request.Details?.ToJsonString().Length ?? 0) + 2048L;
        if (perEvent * request.Count > options.Value.MaxGeneratedBytes)
            throw new EventRequestException($"This call would generate about {perEvent * request.Count:N0} bytes; Events:MaxGeneratedBytes allows {options.Value.MaxGeneratedBytes:N0}. Lower count or the size of data/details.", 413);
        var errors = new List<string>();
        var fieldWarnings = new List<string>();
        if (request.Overrides is not null) JsonMerge.Validate(fixture.Data, request.Overrides, "data", errors, fieldWarnings);
        if (errors.Count > 0) throw new EventRequestException(errors[0]);
        warnings = fieldWarnings;

        var baseSeed = request.Seed ?? NextSeeds(request.Count);
        var events = new List<WebexEvent>(request.Count);
        for (var i = 0; i < request.Count; i++) events.Add(CreateOne(fixture, request, unchecked(baseSeed + i)));
        return events;
    }

    private static bool IsFileSpec(JsonNode file) =>
        file is JsonObject spec && spec.All(p => p.Value is JsonValue v && v.GetValueKind() == System.Text.Json.JsonValueKind.String)
        && (spec["base64"] is not JsonValue base64 || Convert.TryFromBase64String(base64.GetValue<string>(), new byte[base64.GetValue<string>().Length], out _));

    /// <summary>
    /// Takes the next <paramref name="count"/> seeds for events that ask for none and returns the first. With Events:Seed
    /// set, the Nth event of a run gets seed+N: a test that triggers the same things in the same order sees the same
    /// payloads every run. With or without it, two calls of one process never share a seed.
    /// </summary>
    public int NextSeeds(int count) => unchecked(Interlocked.Add(ref _nextSeed, count) - count);

    private WebexEvent CreateOne(EventFixture fixture, EventRequest request, int seed)
    {
        lock (_gate)
        {
            _faker.Random = new Randomizer(seed);
            var actor = ResolveActor(request.Actor, out var orgId);
            var expander = new TemplateExpander(_faker, actor, clock.GetUtcNow());
            var data = expander.Generate(fixture.Data);
            if (request.Overrides is not null) JsonMerge.Into(data, request.Overrides);
            data = expander.ResolveReferences(data);
            var mentioned = (data["mentionedPeople"] as JsonArray)?.Select(n => n?.ToString() ?? "").ToArray();
            return new WebexEvent(_faker.Random.Guid().ToString(), fixture.Resource, fixture.Event, actor.PersonId, data, orgId, request.VisibleTo)
            {
                Seed = seed,
                MentionedPeople = mentioned,
                Triggered = true,
                Details = request.Details,
                Actor = actor,
            };
        }
    }

    /// <summary>
    /// The actor may be a token, a person id or an email. Without one, a generated person acts and
    /// the event is visible to every webhook (no org); with one, it belongs to the actor's org.
    /// </summary>
    private Identity ResolveActor(string? actor, out string? orgId)
    {
        orgId = null;
        if (string.IsNullOrEmpty(actor))
        {
            // One of Events:GeneratedActors made-up people, picked by the event's seed. The event carries it and
            // TriggeredResources stores it as a person the first time (kept: the set is bounded); the directory
            // keeps only the newest few, for scenarios that reuse an actor.
            var pick = BitConverter.ToUInt32(_faker.Random.Guid().ToByteArray()) % (uint)options.Value.GeneratedActors;
            var generated = _generatedActors.GetOrAdd(pick, n => IdentityDirectory.Derive($"actor:{n}", IdentityDirectory.OrgIdFor("mockwebex")) with { Generated = true });
            identities.RememberGenerated(generated);
            return generated;
        }
        var known = identities.FindByPersonId(actor) ?? identities.FindByEmail(actor) ?? identities.Resolve(actor)
            ?? throw new EventRequestException($"Unknown actor '{actor}': use a token, person id or email the emulator knows.");
        orgId = known.Generated ? null : known.OrgId;
        return known;
    }
}
