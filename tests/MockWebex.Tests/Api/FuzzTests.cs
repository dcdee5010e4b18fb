using System.Net;
using System.Text;
using MockWebex.Tests.Infrastructure;

namespace MockWebex.Tests.Api;

/// <summary>
/// Seeded mutations of valid requests to every endpoint that takes input: any 5xx or a request that does
/// not answer within its timeout fails the test. Bounded in count (3,000) and time (90 s); the seed is
/// printed with a failure so it can be replayed.
/// </summary>
public sealed class FuzzTests
{
    private const int Seed = 20261130;
    private const int Requests = 3000;

    [Fact]
    public async Task SeededMutationsOfValidRequests_NeverA5xxOrAHang()
    {
        await using var emulator = await Emulator.StartAsync();
        var alice = emulator.Client("alice-token");
        alice.Timeout = TimeSpan.FromSeconds(10);
        var webhook = (await alice.CreateWebhookAsync(new { name = "w", targetUrl = "http://127.0.0.1:9/h", resource = "messages", @event = "created" }))["id"]!.ToString();
        var room = (await alice.PostWebexAsync("/v1/rooms", new { title = "fuzz" }).OkAsync())["id"]!.ToString();
        var card = new { contentType = "application/vnd.microsoft.card.adaptive", content = new { type = "AdaptiveCard", version = "1.2" } };
        var message = (await alice.PostWebexAsync("/v1/messages", new { roomId = room, text = "hi", attachments = new[] { card } }).OkAsync())["id"]!.ToString();
        var membership = (await alice.PostWebexAsync("/v1/memberships", new { roomId = room, personEmail = "bob@example.com" }).OkAsync())["id"]!.ToString();
        var delivery = (await emulator.TriggerAsync(new { resource = "messages", @event = "created" }))["events"]![0]!["deliveries"]![0]!["deliveryId"]!.ToString();

        (string Method, string Path, string Body)[] valid =
        [
            ("POST", "/v1/webhooks", """{"name":"n","targetUrl":"http://127.0.0.1:9/x","resource":"messages","event":"created","filter":"roomId=abc","secret":"s"}"""),
            ("PUT", $"/v1/webhooks/{webhook}", """{"name":"n2","targetUrl":"http://127.0.0.1:9/y","secret":"t","status":"active"}"""),
            ("POST", "/v1/rooms", """{"title":"t","teamId":"x"}"""),
            ("PUT", $"/v1/rooms/{room}", """{"title":"t2","isLocked":false}"""),
            ("POST", "/v1/memberships", $$"""{"roomId":"{{room}}","personEmail":"carol@example.com","isModerator":false}"""),
            ("PUT", $"/v1/memberships/{membership}", """{"isModerator":true,"isRoomHidden":false}"""),
            ("POST", "/v1/messages", $$"""{"roomId":"{{room}}","text":"hello","markdown":"**hi** <@personEmail:bob@example.com>","files":["https://example.com/a.pdf"]}"""),
            ("PUT", $"/v1/messages/{message}", $$"""{"roomId":"{{room}}","text":"edited","markdown":"_e_"}"""),
            ("POST", "/v1/attachment/actions", $$$"""{"type":"submit","messageId":"{{{message}}}","inputs":{"a":"b","n":1}}"""),
            ("GET", $"/v1/messages?roomId={room}&max=2&mentionedPeople=me", ""),
            ("GET", "/v1/people?email=bob@example.com", ""),
            ("POST", "/_emulator/events", """{"resource":"messages","event":"created","data":{"roomId":"abc"},"actor":"alice-token","count":2,"seed":3,"details":{"text":"x"}}"""),
            ("POST", $"/_emulator/webhooks/{webhook}/explain", """{"resource":"messages","event":"created","data":{"roomId":"abc"}}"""),
            ("POST", $"/_emulator/deliveries/{delivery}/redeliver", """{"body":"{\"a\":1}"}"""),
            ("POST", "/_emulator/scenarios/service-app/run", ""),
            ("GET", "/_emulator/deliveries?status=failed&limit=5&event=messages.created", ""),
        ];

        var random = new Random(Seed);
        var deadline = DateTime.UtcNow.AddSeconds(90);
        var sent = 0;
        for (; sent < Requests && DateTime.UtcNow < deadline; sent++)
        {
            var (method, path, body) = valid[random.Next(valid.Length)];
            var (mutatedPath, mutatedBody, contentType) = Mutate(random, path, body);
            using var request = new HttpRequestMessage(new HttpMethod(method), mutatedPath);
            if (mutatedBody is not null) request.Content = new ByteArrayContent(mutatedBody) { Headers = { { "Content-Type", contentType } } };
            HttpResponseMessage response;
            try
            {
                response = await alice.SendAsync(request);
            }
            catch (TaskCanceledException)
            {
                Assert.Fail($"request {sent} (seed {Seed}) hung: {method} {mutatedPath} {Show(mutatedBody)}");
                return;
            }
            using (response)
            {
                var status = (int)response.StatusCode;
                Assert.True(status < 500, $"request {sent} (seed {Seed}) got {status}: {method} {mutatedPath} {Show(mutatedBody)}\n{await response.Content.ReadAsStringAsync()}");
                if (status >= 400)
                    Assert.True((await response.Content.ReadAsByteArrayAsync()).Length > 0, $"request {sent} (seed {Seed}): {status} without a body: {method} {mutatedPath} {Show(mutatedBody)}");
            }
        }
        Assert.True(sent >= 1000, $"only {sent} requests within the time bound");
        // Still healthy afterwards.
        Assert.Equal(HttpStatusCode.OK, (await alice.GetAsync("/healthz")).StatusCode);
    }

    private static string Show(byte[]? body) => body is null ? "(no body)" : Encoding.UTF8.GetString(body.AsSpan(0, Math.Min(body.Length, 300)));

    private static (string Path, byte[]? Body, string ContentType) Mutate(Random random, string path, string body)
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        var contentType = "application/json";
        switch (random.Next(14))
        {
            case 0: // flip bytes
                bytes = (byte[])bytes.Clone();
                for (var i = 0; i < 1 + random.Next(3) && bytes.Length > 0; i++) bytes[random.Next(bytes.Length)] = (byte)random.Next(256);
                break;
            case 1: // invalid UTF-8 inside a string
                bytes = Insert(bytes, random, [0xff, 0xfe]);
                break;
            case 2: // truncated
                bytes = bytes[..random.Next(bytes.Length + 1)];
                break;
            case 3: // duplicate key
                body = body.Length > 2 ? body.Insert(1, body[1..(body.IndexOf(':') + 1)] + "1,") : body;
                bytes = Encoding.UTF8.GetBytes(body);
                break;
            case 4: // lone surrogate, odd escapes
                body = body.Replace("\"t\"", "\"\\ud800\"").Replace("\"hello\"", "\"\\udc00x\\u0000\"").Replace("\"n\"", "\"\\uD83D\"");
                bytes = Encoding.UTF8.GetBytes(body);
                break;
            case 5: // a value of another type
                string[] values = ["null", "true", "0", "-1e400", "[]", "{}", "\"\"", "[[[[[[]]]]]]", "1.5", "\"" + new string('z', 10000) + "\""];
                body = System.Text.RegularExpressions.Regex.Replace(body, "(?<=:)(\"[^\"]*\"|true|false|\\d+)", _ => values[random.Next(values.Length)], System.Text.RegularExpressions.RegexOptions.None);
                bytes = Encoding.UTF8.GetBytes(body);
                break;
            case 6: // deep nesting
                bytes = Encoding.UTF8.GetBytes(new string('[', 5000) + new string(']', 5000));
                break;
            case 7: // not JSON at all, or another type
                contentType = random.Next(2) == 0 ? "text/plain" : "application/x-www-form-urlencoded";
                break;
            case 8: // empty, or whitespace
                bytes = random.Next(2) == 0 ? [] : "  \n"u8.ToArray();
                break;
            case 9: // path: another id, encodings, traversal
                // (No %00: Kestrel refuses it before any app code runs, with a bare 400 the app cannot give a body; see README.)
                string[] segments = ["%2F", "..", "%2e%2e", "x%20y", "🎉", "Y2lzY29zcGFyazovL3VzL1JPT00vbm9wZQ", new string('a', 3000), "%ZZ", "?max=-1", "?max=abc&cursor=%%"];
                path = path.IndexOf('/', 4) > 0 && random.Next(2) == 0
                    ? path[..path.LastIndexOf('/')] + "/" + segments[random.Next(segments.Length)]
                    : path + (path.Contains('?') ? "&" : "?") + "max=" + segments[random.Next(segments.Length)];
                break;
            case 10: // a JSON array or scalar instead of an object
                bytes = Encoding.UTF8.GetBytes(random.Next(2) == 0 ? "[" + body + "]" : "\"" + body.Replace("\"", "\\\"") + "\"");
                break;
            case 11: // unknown fields, unicode everywhere
                body = body.Length > 1 ? body.Insert(1, "\"zzz\\u2028\":{\"é\":[1,{\"a\":null}]},") : body;
                bytes = Encoding.UTF8.GetBytes(body);
                break;
            case 12: // random bytes
                bytes = new byte[random.Next(1, 200)];
                random.NextBytes(bytes);
                break;
            default: // unchanged: valid requests keep the data flowing
                break;
        }
        return (path, bytes.Length == 0 && body.Length == 0 && random.Next(2) == 0 ? null : bytes, contentType);
    }

    private static byte[] Insert(byte[] bytes, Random random, byte[] insert)
    {
        var at = random.Next(bytes.Length + 1);
        return [.. bytes[..at], .. insert, .. bytes[at..]];
    }
}
