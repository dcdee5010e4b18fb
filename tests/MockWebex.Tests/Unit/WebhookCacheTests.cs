using Microsoft.Extensions.Options;
using MockWebex.Auth;
using MockWebex.Delivery;
using MockWebex.Storage;
using MockWebex.Webhooks;

namespace MockWebex.Tests.Unit;

/// <summary>The in-memory list of webhooks never goes stale while it is read during creates.</summary>
public sealed class WebhookCacheTests
{
    [Fact]
    public async Task CreatesWhileListing_ListEndsWithEveryWebhook()
    {
        using var store = new WebexStore(Options.Create(new StorageOptions { Path = ":memory:" }));
        var webhooks = new WebhookService(store, new WebhookRepository(store), new FailureTracker(Options.Create(new DeliveryOptions())), TimeProvider.System);
        var caller = IdentityDirectory.Derive("token:cache", IdentityDirectory.OrgIdFor("example"));
        var input = new WebhookInput("w", "http://127.0.0.1:9/x", "messages", "created", null, null, false, "creator", null);

        for (var round = 0; round < 100; round++)
        {
            using var stop = new CancellationTokenSource();
            var reader = Task.Run(() =>
            {
                while (!stop.IsCancellationRequested) _ = webhooks.All();
            });
            await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => Task.Run(() => webhooks.CreateAsync(caller, input))));
            await stop.CancelAsync();
            await reader;
            Assert.Equal((round + 1) * 50, webhooks.All().Count);
        }
    }
}
