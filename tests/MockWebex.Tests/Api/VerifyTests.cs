using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using System.Xml.Linq;
using MockWebex.Tests.Infrastructure;

namespace MockWebex.Tests.Api;

/// <summary>`mockwebex verify` as a process, grading receivers through a running `serve`.</summary>
public sealed class VerifyTests : TempFolder
{
    private const string Secret = "verify-secret";

    public VerifyTests() : base("verify-")
    {
    }

    private static string Hmac(byte[] body) => Convert.ToHexStringLower(HMACSHA1.HashData(Encoding.UTF8.GetBytes(Secret), body));

    [Fact]
    public async Task Verify_GradesGoodSloppyAndReserializingReceivers()
    {
        using var data = new TempDataFile("verify");
        await using var serve = CliProcess.Start("serve", "--port", "0", "--data", data.Path);
        var url = await serve.WaitForUrlAsync();

        // Checks the signature over the exact bytes, as Webex documents.
        await using var good = await TestReceiver.StartAsync();
        good.Respond = r => Task.FromResult(r.Header("x-spark-signature") == Hmac(r.Body) ? 200 : 401);
        var goodReport = Path.Combine(Folder, "good.xml");
        var (goodExit, goodLog) = await CliProcess.RunAsync("verify", "--target", good.Url, "--secret", Secret, "--junit", goodReport, "--server", url);
        Assert.True(goodExit == 0, goodLog);
        Assert.Contains("13 passed, 0 failed", goodLog);
        Assert.Equal("0", XDocument.Load(goodReport).Root!.Element("testsuite")!.Attribute("failures")!.Value);

        // Accepts everything: the refusal checks fail, and the report says which.
        await using var sloppy = await TestReceiver.StartAsync();
        var sloppyReport = Path.Combine(Folder, "sloppy.xml");
        var (sloppyExit, sloppyLog) = await CliProcess.RunAsync("verify", "--target", sloppy.Url, "--secret", Secret, "--junit", sloppyReport, "--server", url);
        Assert.Equal(1, sloppyExit);
        Assert.Contains("FAIL  rejects a forged signature", sloppyLog);
        var failures = XDocument.Load(sloppyReport).Descendants("testcase").Where(t => t.Element("failure") is not null).Select(t => t.Attribute("name")!.Value).ToList();
        Assert.Equal(["rejects a forged signature", "rejects a missing signature", "rejects a body altered after signing"], failures);

        // Re-serializes the JSON before checking: the other-forms checks catch it.
        await using var reserializing = await TestReceiver.StartAsync();
        reserializing.Respond = r => Task.FromResult(r.Header("x-spark-signature") == Hmac(Encoding.UTF8.GetBytes(JsonNode.Parse(r.Body)!.ToJsonString())) ? 200 : 401);
        var (reserializingExit, reserializingLog) = await CliProcess.RunAsync("verify", "--target", reserializing.Url, "--secret", Secret, "--server", url);
        Assert.Equal(1, reserializingExit);
        Assert.Contains("FAIL  accepts a pretty-printed body signed over its own bytes", reserializingLog);

        // No secret at all: one line, exit 2.
        var (noSecretExit, noSecretLog) = await CliProcess.RunAsync("verify", "--target", good.Url, "--server", url);
        Assert.Equal(2, noSecretExit);
        Assert.Equal("error: verify needs the webhook's secret: --secret or $MOCKWEBEX_VERIFY_SECRET", noSecretLog.Trim());
    }

    [Fact]
    public async Task VerifyWithToken_GradesHowTheReceiverCallsBack()
    {
        using var data = new TempDataFile("verify-token");
        await using var serve = CliProcess.Start("serve", "--port", "0", "--data", data.Path);
        var url = await serve.WaitForUrlAsync();

        // Waits out Retry-After and answers each message once.
        await using var careful = await TestReceiver.StartAsync();
        using var carefulBot = new ReplyingBot(url, "careful-bot-token", waitOutRetryAfter: true, deduplicate: true);
        careful.Respond = carefulBot.RespondAsync;
        // Secret and token from the environment, out of the process list.
        var (carefulExit, carefulLog) = await CliProcess.RunProgramAsync("dotnet", [Repo.MockWebexDll, "verify", "--target", careful.Url, "--server", url],
            environment: new Dictionary<string, string> { ["MOCKWEBEX_VERIFY_SECRET"] = Secret, ["MOCKWEBEX_VERIFY_TOKEN"] = "careful-bot-token" });
        Assert.True(carefulExit == 0, carefulLog);
        Assert.Contains("16 passed, 0 failed", carefulLog);
        Assert.Contains("PASS  retries a 429 after its Retry-After, not sooner", carefulLog);
        Assert.Contains("PASS  replies once to a duplicate delivery", carefulLog);
        Assert.Empty(carefulBot.Errors);

        // Retries at once and answers every delivery, duplicates too.
        await using var naive = await TestReceiver.StartAsync();
        using var naiveBot = new ReplyingBot(url, "naive-bot-token", waitOutRetryAfter: false, deduplicate: false);
        naive.Respond = naiveBot.RespondAsync;
        var naiveReport = Path.Combine(Folder, "naive.xml");
        var (naiveExit, naiveLog) = await CliProcess.RunAsync("verify", "--target", naive.Url, "--secret", Secret, "--token", "naive-bot-token", "--junit", naiveReport, "--server", url);
        Assert.Equal(1, naiveExit);
        var failures = XDocument.Load(naiveReport).Descendants("testcase").Where(t => t.Element("failure") is not null).ToDictionary(t => t.Attribute("name")!.Value, t => t.Element("failure")!.Attribute("message")!.Value);
        Assert.Equal(["retries a 429 after its Retry-After, not sooner", "replies once to a duplicate delivery"], failures.Keys);
        Assert.Contains("before the wait was over", failures["retries a 429 after its Retry-After, not sooner"]);
        Assert.Contains("2 replies", failures["replies once to a duplicate delivery"]);
        Assert.Contains("PASS  still replies after a 429", naiveLog);

        // A receiver that never calls back fails the follow-up checks and says what they need.
        await using var silent = await TestReceiver.StartAsync();
        silent.Respond = r => Task.FromResult(r.Header("x-spark-signature") == Hmac(r.Body) ? 200 : 401);
        var (_, silentLog) = await CliProcess.RunAsync("verify", "--target", silent.Url, "--secret", Secret, "--token", "silent-token", "--callback-timeout", "2", "--server", url);
        Assert.Contains("FAIL  retries a 429 after its Retry-After", silentLog);
        Assert.Contains("no API call with the token within 2 s", silentLog);
        Assert.Contains("FAIL  replies once to a duplicate delivery", silentLog);
    }

    /// <summary>
    /// A bot as people write them: checks the signature, answers 200 at once, then fetches the message and replies
    /// in the background, handling a 429 with or without waiting out Retry-After, deduplicating by message id or not.
    /// </summary>
    private sealed class ReplyingBot(string emulatorUrl, string token, bool waitOutRetryAfter, bool deduplicate) : IDisposable
    {
        private readonly HttpClient _http = new() { BaseAddress = new Uri(emulatorUrl), DefaultRequestHeaders = { Authorization = new AuthenticationHeaderValue("Bearer", token) } };
        private readonly ConcurrentDictionary<string, bool> _seen = new();

        public ConcurrentQueue<string> Errors { get; } = new();

        public Task<int> RespondAsync(ReceivedRequest request)
        {
            if (request.Header("x-spark-signature") != Hmac(request.Body)) return Task.FromResult(401);
            var envelope = JsonNode.Parse(request.Body)!;
            var messageId = envelope["data"]?["id"]?.ToString();
            if (envelope["resource"]?.ToString() == "messages" && envelope["event"]?.ToString() == "created" && messageId is not null
                && (!deduplicate || _seen.TryAdd(messageId, true)))
                _ = Task.Run(() => AnswerAsync(messageId));
            return Task.FromResult(200);
        }

        private async Task AnswerAsync(string messageId)
        {
            try
            {
                using var message = await GetAsync($"v1/messages/{messageId}");
                if (message.StatusCode == HttpStatusCode.NotFound) return; // made up by the other checks
                var roomId = (await message.Content.ReadFromJsonAsync<JsonObject>())!["roomId"]!.ToString();
                using var reply = await _http.PostAsJsonAsync("v1/messages", new { roomId, text = "got it" });
                if (!reply.IsSuccessStatusCode) Errors.Enqueue($"reply answered {(int)reply.StatusCode}");
            }
            catch (Exception e)
            {
                Errors.Enqueue(e.Message);
            }
        }

        private async Task<HttpResponseMessage> GetAsync(string path)
        {
            for (var attempt = 0; ; attempt++)
            {
                var response = await _http.GetAsync(path);
                if (response.StatusCode != HttpStatusCode.TooManyRequests || attempt == 3) return response;
                if (waitOutRetryAfter) await Task.Delay(response.Headers.RetryAfter!.Delta!.Value);
                response.Dispose();
            }
        }

        public void Dispose() => _http.Dispose();
    }
}
