using Microsoft.Extensions.Options;
using MockWebex.Resources;
using MockWebex.Storage;
using MockWebex.Tests.Infrastructure;

namespace MockWebex.Tests.Unit;

/// <summary>Writers to different collections at once, as the delivery log, webhook inserts and triggered resources do.</summary>
public sealed class StoreConcurrencyTests
{
    [Fact]
    public async Task ConcurrentWritersOnDifferentCollections_LeaveTheFileConsistent()
    {
        using var dataFile = new TempDataFile("mockwebex-concurrency");
        var path = dataFile.Path;
        using (var store = new WebexStore(Options.Create(new StorageOptions { Path = path })))
        {
            var deliveries = Task.Run(() =>
            {
                for (var batch = 0; batch < 40; batch++)
                {
                    var records = Enumerable.Range(0, 100).Select(i => new DeliveryRecord { WebhookId = "W", Body = new string('x', 500) }).ToList();
                    store.Deliveries.InsertBulk(records);
                    foreach (var r in records) r.Status = DeliveryStatus.Succeeded;
                    store.Deliveries.Update(records);
                }
            });
            // Deleting frees pages that the other writers then allocate: the case LiteDB got wrong.
            var rooms = Task.Run(() =>
            {
                for (var round = 0; round < 5; round++)
                {
                    store.Rooms.InsertBulk(Enumerable.Range(0, 400).Select(i => new RoomRecord { Id = $"room-{round}-{i}", Seq = store.NextResourceSeq(), Title = new string('t', 2000) }));
                    if (round < 4) store.Rooms.DeleteAll();
                }
            });
            var members = Task.Run(() =>
            {
                for (var i = 0; i < 2000; i++)
                    store.Memberships.Insert(new MembershipRecord { Id = $"m-{i}", Seq = store.NextResourceSeq(), RoomId = $"room-{i % 50}", PersonId = $"p-{i}" });
            });
            await Task.WhenAll(deliveries, rooms, members).WaitAsync(TimeSpan.FromMinutes(2));
        }
        using var reopened = new WebexStore(Options.Create(new StorageOptions { Path = path }));
        Assert.Equal(4000, reopened.Deliveries.Count());
        Assert.Equal(400, reopened.Rooms.Count());
        Assert.Equal(2000, reopened.Memberships.Count());
        Assert.Equal(40, reopened.Memberships.Count(m => m.RoomId == "room-7"));
    }
}
