using System.Text.Json.Nodes;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using MockWebex.Auth;
using MockWebex.Delivery;
using MockWebex.Events;
using MockWebex.Fixtures;
using MockWebex.Storage;
using MockWebex.Tests.Infrastructure;
using MockWebex.Webhooks;

namespace MockWebex.Tests.Events;

/// <summary>stripe-cli style: every event has exactly one fixture, every fixture parses, generates and can be filtered.</summary>
public sealed class FixtureConsistencyTests
{
    private static readonly FixtureCatalog Catalog = FixtureCatalog.FromFolder(Repo.Fixtures);

    public static TheoryData<string, string> Pairs()
    {
        var data = new TheoryData<string, string>();
        foreach (var (resource, @event) in WebhookCatalog.AllPairs()) data.Add(resource, @event);
        return data;
    }

    internal static EventFactory Factory(TimeProvider? clock = null) => new(
        Catalog,
        new IdentityDirectory(Options.Create(new AuthOptions { IdentitiesFile = Path.Combine(Repo.Fixtures, "identities.json") }), new HostingEnvironment { ContentRootPath = Repo.Root }),
        clock ?? TimeProvider.System,
        Options.Create(new EventsOptions()));

    [Fact]
    public void Fixtures_EveryValidPairHasExactlyOneFile_NoOrphans()
    {
        var files = Directory.GetFiles(Path.Combine(Repo.Fixtures, "events"), "*.json").Select(f => Path.GetFileNameWithoutExtension(f)!).Order().ToList();
        var expected = WebhookCatalog.AllPairs().Select(p => $"{p.Resource}.{p.Event}").Order().ToList();
        Assert.Equal(expected, files);
        Assert.Equal(38, files.Count);
    }

    [Theory]
    [MemberData(nameof(Pairs))]
    public void Fixture_GeneratesCompleteDataWithoutLeftoverTokens(string resource, string @event)
    {
        var fixture = Catalog.Find(resource, @event);
        Assert.NotNull(fixture);
        Assert.False(string.IsNullOrWhiteSpace(fixture.Description));
        Assert.False(string.IsNullOrWhiteSpace(fixture.Source));

        var evt = Factory().Create(new EventRequest(resource, @event, Seed: 7), out _).Single();
        var json = evt.Data.ToJsonString();
        Assert.DoesNotContain("{{", json);
        Assert.Equal(fixture.Data.Select(p => p.Key), evt.Data.Select(p => p.Key));
        Assert.DoesNotContain("\"text\"", json); // deliveries carry metadata only
        Assert.DoesNotContain("\"title\"", json);
    }

    [Theory]
    [MemberData(nameof(Pairs))]
    public void Fixture_GeneratedDataSatisfiesEveryFilterKeyOfItsResource(string resource, string @event)
    {
        var evt = Factory().Create(new EventRequest(resource, @event, Seed: 11), out _).Single();
        foreach (var key in WebhookCatalog.FilterKeysFor(resource, @event))
        {
            var value = WebhookMatcher.Lookup(evt.Data, key);
            Assert.True(value is not null, $"{resource}.{@event}: data has nothing for filter key {key}");
            var text = value is JsonArray array ? array[0]!.ToString() : value is JsonValue v && v.TryGetValue(out string? s) ? s : value.ToJsonString();
            var webhook = new WebhookRecord { Resource = resource, Event = @event, Status = "active", OwnedBy = "org", Filter = $"{key}={Uri.EscapeDataString(text)}" };
            var result = WebhookMatcher.Explain(webhook, evt);
            Assert.True(result.Matches, $"{resource}.{@event} filter {key}: {result.FailedReason}");
        }
    }

    [Fact]
    public void Generate_SameSeedAndClock_SamePayloads_DifferentSeed_Different()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 22, 10, 0, 0, TimeSpan.Zero));
        var factory = Factory(clock);
        var a = factory.Create(new EventRequest("messages", "created", Seed: 42, Count: 3), out _);
        var b = Factory(clock).Create(new EventRequest("messages", "created", Seed: 42, Count: 3), out _);
        var c = factory.Create(new EventRequest("messages", "created", Seed: 43), out _);
        Assert.Equal(a.Select(e => e.Data.ToJsonString() + e.ActorId), b.Select(e => e.Data.ToJsonString() + e.ActorId));
        Assert.NotEqual(a[0].Data.ToJsonString(), c[0].Data.ToJsonString());
        Assert.Equal(3, a.Select(e => e.Data["id"]!.ToString()).Distinct().Count());
    }

    [Fact]
    public void Generate_WebexShapes_TypedIdsTimestampsAndMembershipId()
    {
        var evt = Factory().Create(new EventRequest("memberships", "created", new JsonObject { ["roomId"] = MockWebex.Common.WebexIds.Encode("ROOM", "11111111-2222-3333-4444-555555555555") }, Seed: 3), out _).Single();
        Assert.Equal("ROOM", MockWebex.Common.WebexIds.TryDecode(evt.Data["roomId"]!.ToString())!.Value.Type);
        var membership = MockWebex.Common.WebexIds.TryDecode(evt.Data["id"]!.ToString())!.Value;
        Assert.Equal("MEMBERSHIP", membership.Type);
        Assert.EndsWith(":11111111-2222-3333-4444-555555555555", membership.LocalId); // follows the overridden room
        Assert.Matches(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$", evt.Data["created"]!.ToString());
        Assert.IsType<bool>(evt.Data["isModerator"]!.GetValue<bool>());
        Assert.Contains("@", evt.Data["personEmail"]!.ToString());
    }
}
