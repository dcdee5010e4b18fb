using System.Text.Json.Nodes;
using MockWebex.Auth;
using MockWebex.Delivery;
using MockWebex.Events;
using MockWebex.Faults;
using MockWebex.Resources;
using MockWebex.Storage;

namespace MockWebex.Verify;

/// <summary>
/// `verify --token`: what a receiver does when it calls back into the API with its token. A direct message from a
/// made-up person to the token's user is stored for real (room, members, message; no webhook hears it) and delivered,
/// signed, to the receiver alone. The receiver's first call with the token is answered 429 with Retry-After, as Webex's
/// rate limiting does: it must wait that long, retry, and still reply. The same delivery sent twice must get one reply.
/// </summary>
public sealed class FollowUpVerifier(EventFactory events, TriggeredResources resources, WebexStore store, Conversations conversations,
    IdentityDirectory identities, FaultRules faults, ApiCallWatch watch, TimeProvider clock)
{
    public const int RetryAfterSeconds = 2;

    /// <summary>How long a receiver has to call back, and to retry once the wait is over, unless the request says.</summary>
    public static readonly TimeSpan DefaultCallBackWithin = TimeSpan.FromSeconds(15);

    private const string DuplicateName = "replies once to a duplicate delivery";

    /// <summary>How long after the first reply a second one to a duplicate is waited for.</summary>
    private static readonly TimeSpan QuietAfterReply = TimeSpan.FromSeconds(3);

    /// <summary>Retry-After in whole seconds leaves a client some rounding; a retry sooner than this share of it is too early.</summary>
    private const double EarlyShare = 0.9;

    internal async Task<IReadOnlyList<VerifyCheck>> VerifyAsync(HttpClient http, string targetUrl, string secret, string token, TimeSpan callBackWithin, CancellationToken ct)
    {
        if (identities.Resolve(token) is not { } user)
            return [new("calls back with --token", false, "the emulator does not know that token (Auth:Strict is on and it is not in the identities file)")];
        ApiCallWatcher calls;
        try
        {
            calls = watch.Watch(token);
        }
        catch (InvalidOperationException busy)
        {
            return [new("calls back with --token", false, busy.Message)];
        }
        using (calls)
        {
            var webhook = ReceiverVerifier.Webhook(targetUrl, user.OrgId, user.PersonId, user.AppId, clock);
            var checks = new List<VerifyCheck>();
            try
            {
                if (await RateLimitedAsync(http, targetUrl, secret, token, user, webhook, calls, callBackWithin, checks, ct) is { } silent)
                    checks.Add(new(DuplicateName, false, "not run: " + silent));
                else checks.Add(await DuplicateAsync(http, targetUrl, secret, user, webhook, calls, callBackWithin, ct));
            }
            catch (InvalidOperationException cannot)
            {
                checks.Add(new("calls back with --token", false, cannot.Message));
            }
            return checks;
        }
    }

    /// <summary>
    /// A 429 on the first follow-up call: retried after Retry-After (not sooner, not never), and the reply still made.
    /// Returns why nothing could be graded when the receiver did not call back at all.
    /// </summary>
    private async Task<string?> RateLimitedAsync(HttpClient http, string targetUrl, string secret, string token, Identity user, WebhookRecord webhook,
        ApiCallWatcher calls, TimeSpan callBackWithin, List<VerifyCheck> checks, CancellationToken ct)
    {
        const string retryName = "retries a 429 after its Retry-After, not sooner";
        const string replyName = "still replies after a 429 (the message is not dropped)";
        var (body, roomId) = DirectMessage(user, webhook, "mockwebex verify: the first call you make about this message gets a 429");
        if (faults.Add(new FaultRule(null, null, "/v1/**", token, 429, RetryAfterSeconds, 0, 1, null), out var rule) is { } invalid)
            throw new InvalidOperationException(invalid);
        ApiCall? limited;
        ReceiverAnswer answer;
        try
        {
            answer = await ReceiverVerifier.SendAsync(http, targetUrl, body, ReceiverVerifier.Sign(secret, body), ct);
            limited = await calls.NextAsync(calls.Elapsed + callBackWithin, ct);
        }
        finally
        {
            faults.Remove(rule.Id!);
        }
        if (limited is not { Status: 429 })
        {
            var evidence = limited is null
                ? $"delivery {answer}; no API call with the token within {callBackWithin.TotalSeconds:0} s (these checks need a receiver that fetches the message or replies with --token's token)"
                : $"delivery {answer}; the first call, {limited}, was not the 429 (another fault rule took it?)";
            checks.Add(new(retryName, false, evidence));
            checks.Add(new(replyName, false, evidence));
            return evidence;
        }

        var earliest = limited.At + TimeSpan.FromSeconds(RetryAfterSeconds * EarlyShare);
        var deadline = limited.At + TimeSpan.FromSeconds(RetryAfterSeconds) + callBackWithin;
        var early = new List<ApiCall>();
        ApiCall? retry = null;
        while (retry is null && await calls.NextAsync(deadline, ct) is { } call)
        {
            if (call.Method != limited.Method || call.Path != limited.Path) continue;
            if (call.At < earliest) early.Add(call);
            if (call.Status != 429) retry = call;
        }
        var limitedText = $"{limited} with Retry-After: {RetryAfterSeconds}";
        var retried = retry is null ? $"not retried within {(deadline - limited.At).TotalSeconds:0} s" : $"retried {(retry.At - limited.At).TotalMilliseconds:0} ms later → {retry.Status}";
        var hammered = early.Count == 0 ? "" : $"; {early.Count} retr{(early.Count == 1 ? "y" : "ies")} before the wait was over (first {(early[0].At - limited.At).TotalMilliseconds:0} ms later)";
        checks.Add(new(retryName, early.Count == 0 && retry is { Ok: true }, $"{limitedText}; {retried}{hammered}"));

        var replies = await RepliesAsync(calls, roomId, user.PersonId, deadline, quiet: TimeSpan.Zero, ct);
        checks.Add(new(replyName, replies > 0, replies > 0 ? $"{limitedText}; the reply arrived" : $"{limitedText}; no reply in the room within {(deadline - limited.At).TotalSeconds:0} s"));
        return null;
    }

    /// <summary>The same delivery (same envelope, same event id) twice in a row: one reply.</summary>
    private async Task<VerifyCheck> DuplicateAsync(HttpClient http, string targetUrl, string secret, Identity user, WebhookRecord webhook, ApiCallWatcher calls,
        TimeSpan callBackWithin, CancellationToken ct)
    {
        var (body, roomId) = DirectMessage(user, webhook, "mockwebex verify: this message is delivered twice; answer it once");
        var signature = ReceiverVerifier.Sign(secret, body);
        var first = await ReceiverVerifier.SendAsync(http, targetUrl, body, signature, ct);
        var again = await ReceiverVerifier.SendAsync(http, targetUrl, body, signature, ct);
        var replies = await RepliesAsync(calls, roomId, user.PersonId, calls.Elapsed + callBackWithin, QuietAfterReply, ct);
        var delivered = $"delivered twice (first {first}, again {again})";
        return replies switch
        {
            0 => new(DuplicateName, false, $"{delivered}; no reply within {callBackWithin.TotalSeconds:0} s (this check needs a receiver that answers a direct message)"),
            1 => new(DuplicateName, true, $"{delivered}; one reply, none more within {QuietAfterReply.TotalSeconds:0} s"),
            _ => new(DuplicateName, false, $"{delivered}; {replies} replies (deduplicate by the envelope's id or data.id)"),
        };
    }

    /// <summary>
    /// Replies by <paramref name="personId"/> in the room: woken by the receiver's calls, counted from the store. Returns once
    /// a reply is there and <paramref name="quiet"/> has passed without another call, or at <paramref name="deadline"/>.
    /// </summary>
    private async Task<int> RepliesAsync(ApiCallWatcher calls, string roomId, string personId, TimeSpan deadline, TimeSpan quiet, CancellationToken ct)
    {
        int Count() => conversations.MessagesIn(roomId, long.MaxValue).Count(m => m.PersonId == personId);
        while (true)
        {
            var replies = Count();
            var until = replies > 0 ? TimeSpan.FromTicks(Math.Min(deadline.Ticks, (calls.Elapsed + quiet).Ticks)) : deadline;
            if (replies > 0 && quiet == TimeSpan.Zero) return replies;
            if (await calls.NextAsync(until, ct) is null) return Count();
        }
    }

    /// <summary>A direct message from a made-up person to <paramref name="user"/>, stored, and its delivery's body.</summary>
    private (string Body, string RoomId) DirectMessage(Identity user, WebhookRecord webhook, string text)
    {
        var evt = events.Create(new EventRequest("messages", "created", new JsonObject { ["roomType"] = "direct" },
            VisibleTo: [user.PersonId], Details: new JsonObject { ["text"] = text }), out _)[0];
        store.InTransaction(() =>
        {
            resources.Materialize(evt, [user.PersonId]);
            return true;
        });
        if (conversations.Message(evt.Data["id"]!.ToString()) is null)
            throw new InvalidOperationException("Events:CreateResources is off, so the message a receiver would fetch is not stored; the --token checks need it on");
        return (Envelope.Build(webhook, evt), evt.Data["roomId"]!.ToString());
    }
}
