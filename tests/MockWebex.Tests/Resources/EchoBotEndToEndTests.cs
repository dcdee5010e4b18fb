using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using MockWebex.Testing;

namespace MockWebex.Tests.Resources;

/// <summary>
/// A bot written the way bots are written against real Webex (webex-node-bot-framework's start-up):
/// GET /v1/people/me, a firehose plus an attachmentActions webhook, verify X-Spark-Signature, fetch
/// the message a delivery points at, answer with POST /v1/messages, ignore its own messages.
/// </summary>
public sealed class EchoBotEndToEndTests
{
    [Fact]
    public async Task EchoBot_ReceivesTriggeredMessage_FetchesIt_AndItsReplyIsPosted()
    {
        await using var webex = await MockWebexServer.StartAsync(new MockWebexServerOptions { Seed = 11 });
        await using var bot = await EchoBot.StartAsync(webex.BaseUrl, "bot-token", secret: "echo-secret");

        var direct = await webex.TriggerAsync("messages", "created", new { roomType = "direct" }, details: new { text = "ping" });
        var directRoom = direct.Events[0].Data["roomId"]!.ToString();
        var replies = await WaitForMessagesAsync(webex, bot, directRoom, bot.PersonId, 1);
        Assert.Equal("echo: ping", replies[0].Text);

        // In a group room the bot hears only what mentions it, so only the second message is echoed.
        var unmentioned = await webex.TriggerAsync("messages", "created", new { roomType = "group" }, details: new { text = "not for the bot" });
        var mentioned = await webex.TriggerAsync("messages", "created",
            new { roomType = "group", roomId = unmentioned.Events[0].Data["roomId"]!.ToString(), mentionedPeople = new[] { bot.PersonId } },
            details: new { text = "Mock Bot version?" });
        var groupRoom = mentioned.Events[0].Data["roomId"]!.ToString();
        var groupReplies = await WaitForMessagesAsync(webex, bot, groupRoom, bot.PersonId, 1);
        Assert.Equal("echo: Mock Bot version?", groupReplies[0].Text);
        Assert.Empty(unmentioned.Events[0].Deliveries);

        // The bot's own replies reach its firehose too (direct room); it must not answer itself.
        await webex.WaitForDeliveriesAsync(3);
        Assert.Single(await webex.MessagesAsync(directRoom, bot.PersonId));
        Assert.Equal(0, bot.BadSignatures);
        Assert.True(bot.Handled >= 3, $"bot handled {bot.Handled} deliveries");
    }

    /// <summary>Waits for the bot to say it has posted a reply, then reads the room.</summary>
    private static async Task<IReadOnlyList<MockWebex.Resources.MessageDto>> WaitForMessagesAsync(MockWebexServer webex, EchoBot bot, string roomId, string personId, int count)
    {
        Assert.True(await bot.Replied.WaitAsync(TimeSpan.FromSeconds(15)), "the bot never replied");
        var messages = await webex.MessagesAsync(roomId, personId);
        Assert.True(messages.Count >= count, $"the bot posted {messages.Count} of {count} replies in room {roomId}");
        return messages;
    }

    private sealed class EchoBot : IAsyncDisposable
    {
        private readonly WebApplication _app;
        private readonly HttpClient _webex;
        private readonly string _secret;
        private int _badSignatures;
        private int _handled;

        private EchoBot(WebApplication app, HttpClient webex, string secret)
        {
            _app = app;
            _webex = webex;
            _secret = secret;
        }

        public string PersonId { get; private set; } = "";
        public int BadSignatures => _badSignatures;
        public int Handled => _handled;

        /// <summary>Released once per reply the emulator accepted.</summary>
        public SemaphoreSlim Replied { get; } = new(0);

        public static async Task<EchoBot> StartAsync(string webexBaseUrl, string token, string secret)
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            builder.Logging.ClearProviders();
            var app = builder.Build();
            var webex = new HttpClient { BaseAddress = new Uri(webexBaseUrl + "/v1/"), Timeout = TimeSpan.FromSeconds(10) };
            webex.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
            var bot = new EchoBot(app, webex, secret);
            app.MapPost("/webex", bot.OnDeliveryAsync);
            await app.StartAsync();

            var me = await webex.GetFromJsonAsync<JsonObject>("people/me");
            bot.PersonId = me!["id"]!.ToString();
            var target = app.Urls.First() + "/webex";
            foreach (var (resource, evt) in new[] { ("all", "all"), ("attachmentActions", "created") })
                (await webex.PostAsJsonAsync("webhooks", new { name = $"echo {resource}", targetUrl = target, resource, @event = evt, secret })).EnsureSuccessStatusCode();
            return bot;
        }

        private async Task<IResult> OnDeliveryAsync(HttpRequest request)
        {
            using var buffer = new MemoryStream();
            await request.Body.CopyToAsync(buffer);
            var expected = Convert.ToHexStringLower(HMACSHA1.HashData(Encoding.UTF8.GetBytes(_secret), buffer.ToArray()));
            if (request.Headers["X-Spark-Signature"] != expected)
            {
                Interlocked.Increment(ref _badSignatures);
                return Results.Unauthorized();
            }
            Interlocked.Increment(ref _handled);
            var delivery = JsonNode.Parse(buffer.ToArray())!;
            if (delivery["resource"]!.ToString() != "messages" || delivery["event"]!.ToString() != "created") return Results.Ok();
            if (delivery["data"]!["personId"]!.ToString() == PersonId) return Results.Ok();

            var message = await _webex.GetFromJsonAsync<JsonObject>($"messages/{delivery["data"]!["id"]}");
            var reply = await _webex.PostAsJsonAsync("messages", new { roomId = message!["roomId"]!.ToString(), text = "echo: " + message["text"] });
            if (!reply.IsSuccessStatusCode) return Results.StatusCode(500);
            Replied.Release();
            return Results.Ok();
        }

        public async ValueTask DisposeAsync()
        {
            _webex.Dispose();
            await _app.StopAsync(new CancellationTokenSource(TimeSpan.FromSeconds(2)).Token);
            await _app.DisposeAsync();
        }
    }
}
