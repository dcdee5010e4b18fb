using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using MockWebex.Common;
using MockWebex.Delivery;
using MockWebex.Events;
using MockWebex.Storage;

namespace MockWebex.Verify;

/// <summary>
/// Grades a webhook receiver for the mistakes that break bots in production: it must answer a signed delivery 2xx
/// within Webex's timeout; reject forged, missing and stale signatures; accept any valid JSON form of a body signed
/// over its own bytes (not re-serialize before checking); take duplicates, out-of-order events, events it did not
/// subscribe to, unknown fields and unicode without a 5xx; with a token, retry a 429 after its Retry-After and reply
/// once to a duplicate (<see cref="FollowUpVerifier"/>). Sends real HTTP to the receiver.
/// </summary>
public sealed class ReceiverVerifier(EventFactory events, FollowUpVerifier followUps, IOptions<DeliveryOptions> delivery, TimeProvider clock)
{
    private static readonly JsonSerializerOptions Pretty = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private static readonly JsonSerializerOptions AsciiOnly = new() { Encoder = JavaScriptEncoder.Default };
    private static readonly JsonSerializerOptions Compact = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public async Task<VerifyReport> VerifyAsync(string targetUrl, string secret, string? token, TimeSpan callBackWithin, CancellationToken ct)
    {
        using var http = new HttpClient { Timeout = delivery.Value.Timeout };
        var webhook = Webhook(targetUrl, WebexIds.New("ORGANIZATION"), WebexIds.New("PEOPLE"), WebexIds.New("APPLICATION"), clock);
        string Body(string resource, string @event, JsonObject? data = null) =>
            Envelope.Build(webhook, events.Create(new EventRequest(resource, @event, data, null, 1, null), out _)[0]);
        var message = Body("messages", "created");
        var checks = new List<VerifyCheck>();

        // 0. With a token, what the receiver does when it calls back: first, while none of the other checks' deliveries
        // has it calling the API (listed last).
        var followUpChecks = token is null ? [] : await followUps.VerifyAsync(http, targetUrl, secret, token, callBackWithin, ct);

        // 1. The plain case, timed against Webex's delivery timeout.
        var watch = Stopwatch.StartNew();
        var plain = await SendAsync(http, targetUrl, message, Sign(secret, message), ct);
        checks.Add(new("answers a signed messages:created 2xx in time", plain.Ok,
            $"{plain} in {watch.ElapsedMilliseconds} ms (timeout {delivery.Value.Timeout.TotalSeconds:0} s)"));

        // 2. What must be refused.
        var forged = await SendAsync(http, targetUrl, message, Sign(secret + "-forged", message), ct);
        checks.Add(new("rejects a forged signature", forged.Refused, $"{forged} (a receiver must answer non-2xx)"));
        var unsigned = await SendAsync(http, targetUrl, message, null, ct);
        checks.Add(new("rejects a missing signature", unsigned.Refused, $"{unsigned} (a receiver must answer non-2xx)"));
        var altered = message.Replace("\"messages\"", "\"memberships\"", StringComparison.Ordinal);
        var tampered = await SendAsync(http, targetUrl, altered, Sign(secret, message), ct);
        checks.Add(new("rejects a body altered after signing", tampered.Refused, $"{tampered} (a receiver must answer non-2xx)"));

        // 3. The same event in other valid JSON forms, each signed over its own bytes.
        var node = JsonNode.Parse(message)!.AsObject();
        node["data"]!["note"] = "héllo wörld ✓ — \"quoted\" / slashed";
        var forms = new Dictionary<string, string>
        {
            ["pretty-printed"] = node.ToJsonString(Pretty),
            ["\\/ escapes"] = node.ToJsonString(Compact).Replace("/", "\\/", StringComparison.Ordinal),
            ["\\uXXXX non-ASCII"] = node.ToJsonString(AsciiOnly),
            ["reordered keys"] = new JsonObject(node.Reverse().Select(p => KeyValuePair.Create(p.Key, p.Value?.DeepClone()))).ToJsonString(Pretty).Replace("\n", "", StringComparison.Ordinal),
        };
        foreach (var (form, body) in forms)
        {
            var answer = await SendAsync(http, targetUrl, body, Sign(secret, body), ct);
            checks.Add(new($"accepts a {form} body signed over its own bytes", answer.Ok,
                $"{answer}{(answer.Ok ? "" : " (a receiver that re-serializes the JSON before checking the signature fails this)")}"));
        }

        // 4. Duplicates and out of order.
        var first = await SendAsync(http, targetUrl, message, Sign(secret, message), ct);
        var again = await SendAsync(http, targetUrl, message, Sign(secret, message), ct);
        checks.Add(new("answers a duplicate delivery 2xx", first.Ok && again.Ok, $"first {first}, again {again}"));
        var messageId = node["data"]!["id"]!.ToString();
        var deleted = Body("messages", "deleted", new JsonObject { ["id"] = messageId });
        var created = Body("messages", "created", new JsonObject { ["id"] = messageId });
        var late = await SendAsync(http, targetUrl, deleted, Sign(secret, deleted), ct);
        var early = await SendAsync(http, targetUrl, created, Sign(secret, created), ct);
        checks.Add(new("answers an out-of-order pair (deleted before created) 2xx", late.Ok && early.Ok, $"deleted {late}, created {early}"));

        // 5. What it did not ask for.
        var meeting = Body("meetings", "started");
        var unsubscribed = await SendAsync(http, targetUrl, meeting, Sign(secret, meeting), ct);
        checks.Add(new("answers an event it did not subscribe to 2xx", unsubscribed.Ok, unsubscribed.ToString()));
        var extended = JsonNode.Parse(message)!.AsObject();
        extended["futureField"] = new JsonObject { ["added"] = "later" };
        extended["data"]!["futureField"] = new JsonArray(1, 2, 3);
        var unknown = extended.ToJsonString(Compact);
        var withUnknown = await SendAsync(http, targetUrl, unknown, Sign(secret, unknown), ct);
        checks.Add(new("answers a body with unknown fields 2xx", withUnknown.Ok, withUnknown.ToString()));
        var international = JsonNode.Parse(message)!.AsObject();
        international["data"]!["personEmail"] = "zoë.ñandú@example.com";
        international["data"]!["note"] = "日本語 · עברית · 👩🏽‍💻";
        var unicode = international.ToJsonString(Compact);
        var withUnicode = await SendAsync(http, targetUrl, unicode, Sign(secret, unicode), ct);
        checks.Add(new("answers a unicode body 2xx", withUnicode.Ok, withUnicode.ToString()));

        return new VerifyReport(targetUrl, [.. checks, .. followUpChecks]);
    }

    /// <summary>The webhook a verify delivery claims to come from (never stored): the envelope names it.</summary>
    internal static WebhookRecord Webhook(string targetUrl, string orgId, string createdBy, string appId, TimeProvider clock) => new()
    {
        Id = WebexIds.New("WEBHOOK"),
        Name = "mockwebex verify",
        TargetUrl = targetUrl,
        Resource = "messages",
        Event = "created",
        OrgId = orgId,
        CreatedBy = createdBy,
        AppId = appId,
        Created = WebexTime.Now(clock),
    };

    internal static string Sign(string secret, string body) => WebhookSigner.Sign(secret, Encoding.UTF8.GetBytes(body));

    internal static async Task<ReceiverAnswer> SendAsync(HttpClient http, string url, string body, string? signature, CancellationToken ct)
    {
        using var content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = content };
        if (signature is not null) request.Headers.TryAddWithoutValidation(WebhookSigner.Header, signature);
        try
        {
            using var response = await http.SendAsync(request, ct);
            return new ReceiverAnswer((int)response.StatusCode, null);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
        {
            return new ReceiverAnswer(null, e is TaskCanceledException ? "no answer within the timeout" : e.Message);
        }
    }
}
