using Microsoft.Extensions.DependencyInjection;
using MockWebex.Auth;
using MockWebex.Common;
using MockWebex.Resources;
using MockWebex.Storage;
using MockWebex.Webhooks;

/// <summary>Fills an emulator's store for the scaling section: what a long-lived file holds after months of use.</summary>
static class ScaleData
{
    public const string Token = "scale-token";

    /// <summary>What the reads ask for; the lists are spread over the whole file, so reads do not repeat one value.</summary>
    public sealed record Ids(string WebhookId, string RoomId, string MessageId, string DirectRoomId, string OtherPersonId, List<string> RoomIds, List<string> MessageIds);

    /// <summary>How many different rooms and messages the reads rotate through.</summary>
    public const int Sample = 200;

    public static Ids Fill(IServiceProvider services, int n)
    {
        var store = services.GetRequiredService<WebexStore>();
        var conversations = services.GetRequiredService<Conversations>();
        var people = services.GetRequiredService<PeopleDirectory>();
        var identities = services.GetRequiredService<IdentityDirectory>();
        var webhooks = services.GetRequiredService<WebhookService>();
        var clock = services.GetRequiredService<TimeProvider>();
        var caller = identities.Resolve(Token)!;
        var other = identities.Resolve("scale-other-token")!;
        var (me, them) = store.InTransaction(() => (people.Remember(caller), people.Remember(other)));

        services.GetRequiredService<WebhookRepository>().Insert(Enumerable.Range(0, n).Select(i => new WebhookRecord
        {
            Id = WebexIds.New("WEBHOOK"),
            Seq = store.NextWebhookSeq(),
            Name = $"hook {i}",
            TargetUrl = "http://127.0.0.1:9/in",
            Resource = "messages",
            Event = "created",
            OrgId = caller.OrgId,
            CreatedBy = caller.PersonId,
            AppId = caller.AppId,
            Created = WebexTime.Now(clock),
        }));
        webhooks.Reload();

        string? roomId = null;
        var roomIds = new List<string>();
        var messageIds = new List<string>();
        var every = Math.Max(1, n / Sample);
        InParts(store, n, i =>
        {
            var room = conversations.CreateRoom(null, $"room {i}", "group", me.Id, me.OrgId);
            conversations.AddMember(room, me, knownAbsent: true);
            roomId ??= room.Id;
            if (i % every == 0 && roomIds.Count < Sample) roomIds.Add(room.Id);
        });

        var direct = store.InTransaction(() =>
        {
            var created = conversations.CreateRoom(null, "", "direct", me.Id, me.OrgId, directPair: (me.Id, them.Id));
            conversations.AddMember(created, me, knownAbsent: true);
            conversations.AddMember(created, them, knownAbsent: true);
            return created;
        });
        string? messageId = null;
        InParts(store, n, i =>
        {
            var author = i % 2 == 0 ? me : them;
            var message = conversations.AddMessage(new MessageRecord
            {
                Id = WebexIds.New("MESSAGE"),
                RoomId = direct.Id,
                RoomType = "direct",
                Text = $"message {i}",
                PersonId = author.Id,
                PersonEmail = author.Email,
                Created = WebexTime.Now(clock),
            }, direct);
            messageId ??= message.Id;
            // From the 51st on, so that a page of 50 before each is full.
            if (i >= 50 && i % every == 0 && messageIds.Count < Sample) messageIds.Add(message.Id);
        });
        // People whose names share prefixes: "Person 0001" starts 100 names at every size (Person 000100 to 000199).
        var peopleRepository = services.GetRequiredService<PersonRepository>();
        InParts(store, n, i =>
        {
            var email = $"person{i}@example.com";
            peopleRepository.Insert(new PersonRecord
            {
                Id = WebexIds.New("PEOPLE"),
                Email = email,
                EmailKey = email,
                DisplayName = $"Person {i:D6}",
                OrgId = caller.OrgId,
                Created = WebexTime.Now(clock),
                Seq = store.NextResourceSeq(),
            });
        });
        // A delivery log as full as Delivery:LogRetention lets it get (10,000), all finished and two hours old: what
        // the retention rounds look through for deliveries pending longer than Delivery:PendingMaxAge (an hour).
        var twoHoursAgo = WebexTime.Format(clock.GetUtcNow().AddHours(-2));
        var body = new string('x', 1_400);
        services.GetRequiredService<DeliveryRepository>().Insert(Enumerable.Range(0, Math.Min(n, 10_000)).Select(i => new DeliveryRecord
        {
            WebhookId = webhooks.All()[0].Id,
            EventId = $"event {i}",
            Resource = "messages",
            Event = "created",
            Body = body,
            Status = DeliveryStatus.Succeeded,
            Created = twoHoursAgo,
        }).ToList());
        return new Ids(webhooks.All()[0].Id, roomId!, messageId!, direct.Id, them.Id, roomIds, messageIds);
    }

    /// <summary>Calls <paramref name="add"/> for 0 to n − 1, 5,000 calls per transaction (one for all 100k held the store too long).</summary>
    private static void InParts(WebexStore store, int n, Action<int> add)
    {
        for (var done = 0; done < n; done += 5_000)
        {
            store.InTransaction(() =>
            {
                for (var i = done; i < Math.Min(n, done + 5_000); i++) add(i);
                return true;
            });
        }
    }
}
