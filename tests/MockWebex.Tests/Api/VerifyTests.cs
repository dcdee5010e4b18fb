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
    }
}
