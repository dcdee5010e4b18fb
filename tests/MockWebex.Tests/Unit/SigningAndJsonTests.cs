using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using MockWebex.Common;
using MockWebex.Delivery;
using MockWebex.Events;
using MockWebex.Storage;
using MockWebex.Tests.Infrastructure;

namespace MockWebex.Tests.Unit;

public sealed class SigningAndJsonTests
{
    [Theory]
    [InlineData("myBongoSecret", """{"a":1,"b":2,"c":{"d":3}}""", "01e0cb6a53731b9615b483335d77d97023410c72")]
    [InlineData("somesupersecretphrase", """{"id":"Y2lzY29zcGFyazovL3VzL1dFQkhPT0svOTZhYmMyYWEtM2RjYy0xMWU1LWExNTItZmUzNDgxOWNkYzlh","resource":"messages","event":"created","data":{"id":"x"}}""", "49ce4d76f4707bd8a3ee939d94376e31468cc552")]
    public void WebhookSigner_KnownVectors_LowercaseHexHmacSha1(string secret, string body, string expected) =>
        Assert.Equal(expected, WebhookSigner.Sign(secret, Encoding.UTF8.GetBytes(body)));

    [Fact]
    public void CompactJson_TrickyStrings_MatchJavaScriptJsonStringify()
    {
        // Expected output written by hand from ECMAScript's QuoteJSONString: only " \ and control
        // characters are escaped (short forms where they exist, else lowercase \u00xx); +, <, >, &, ',
        // non-ASCII, emoji and U+2028 stay raw; a lone surrogate is escaped (well-formed JSON.stringify, ES2019).
        var node = new JsonObject
        {
            ["plus"] = "a+b@example.com",
            ["html"] = "<b>&'</b>",
            ["accents"] = "Zoë Müller 日本",
            ["emoji"] = "👍",
            ["separators"] = "x\u2028y",
            ["controls"] = "q\"\\\n\t\u0001\u001f",
            ["slash"] = "a/b",
            ["lone"] = "a\ud800b\udc00👍\ud83d",
            ["numbers"] = new JsonArray(1, 2.5, 0, -3, 1e21),
            ["flags"] = new JsonArray(true, false, null),
        };
        var expected = "{\"plus\":\"a+b@example.com\",\"html\":\"<b>&'</b>\",\"accents\":\"Zoë Müller 日本\",\"emoji\":\"👍\","
            + "\"separators\":\"x\u2028y\",\"controls\":\"q\\\"\\\\\\n\\t\\u0001\\u001f\",\"slash\":\"a/b\","
            + "\"lone\":\"a\\ud800b\\udc00👍\\ud83d\",\"numbers\":[1,2.5,0,-3,1e+21],\"flags\":[true,false,null]}";
        Assert.Equal(expected, CompactJson.Serialize(node));
    }

    [Fact]
    public void CompactJson_ParsedNumbers_PrintedAsJavaScriptWould()
    {
        var node = JsonNode.Parse("""{"a":1.0,"b":1e2,"c":0.1,"d":-0.0}""");
        Assert.Equal("""{"a":1,"b":100,"c":0.1,"d":0}""", CompactJson.Serialize(node));
    }

    [Fact]
    public async Task CompactJson_Numbers_PrintedAsNodesJsonStringifyPrintsThem()
    {
        // The edges of JavaScript's Number::toString (plain notation from 1e-7 to 1e21, exponents unpadded, integers past
        // 2^53 in their shortest digits) and doubles of every magnitude, seeded; node itself prints the expected text.
        var random = new Random(20261201);
        List<string> literals = ["0", "-0", "1", "-1", "0.1", "1e-7", "1.5e-7", "9.99e-8", "1e-6", "0.0000015", "1e-5", "0.0001", "123.456", "1e20",
            "1e21", "1.5e21", "999999999999999999999", "123456789012345678", "12345678901234567890", "9007199254740993", "5e-324",
            "1.7976931348623157e308", "2.2250738585072014e-308", "1e2", "1.0", "-0.0", "0.30000000000000004", "4.35", "-1e-300"];
        for (var i = 0; i < 300; i++)
            literals.Add(BitConverter.Int64BitsToDouble(random.NextInt64()) is var bits && double.IsFinite(bits) ? bits.ToString("R", CultureInfo.InvariantCulture) : "7");
        for (var exponent = -25; exponent <= 25; exponent++)
            literals.Add((random.NextDouble() * Math.Pow(10, exponent)).ToString("R", CultureInfo.InvariantCulture));
        var array = "[" + string.Join(",", literals) + "]";

        var (exit, output) = await CliProcess.RunProgramAsync("node", ["-e", "process.stdout.write(JSON.stringify(JSON.parse(process.argv[1])))", array]);
        Assert.True(exit == 0, output);
        Assert.Equal(output.TrimEnd('\n'), CompactJson.Serialize(JsonNode.Parse(array)));
    }

    [Fact]
    public void Envelope_KeysInWebexOrder_FilterOnlyWhenSet_NoSecret()
    {
        var webhook = new WebhookRecord
        {
            Id = "W",
            Name = "n",
            TargetUrl = "https://e.com/h",
            Resource = "all",
            Event = "all",
            Secret = "s",
            OrgId = "O",
            CreatedBy = "C",
            AppId = "A",
            OwnedBy = "creator",
            Status = "active",
            Created = "2026-01-02T03:04:05.678Z",
        };
        var evt = new WebexEvent("e", "messages", "created", "ACTOR", new JsonObject { ["id"] = "m" });

        var withoutFilter = Envelope.Build(webhook, evt);
        Assert.Equal("""{"id":"W","name":"n","targetUrl":"https://e.com/h","resource":"messages","event":"created","orgId":"O","createdBy":"C","appId":"A","ownedBy":"creator","status":"active","created":"2026-01-02T03:04:05.678Z","actorId":"ACTOR","data":{"id":"m"}}""", withoutFilter);

        webhook.Filter = "roomId=r";
        var keys = JsonNode.Parse(Envelope.Build(webhook, evt))!.AsObject().Select(p => p.Key);
        Assert.Equal(["id", "name", "targetUrl", "resource", "event", "filter", "orgId", "createdBy", "appId", "ownedBy", "status", "created", "actorId", "data"], keys);
    }

    [Fact]
    public void WebexIds_EncodeDecode_MatchesDocumentedExample()
    {
        Assert.Equal("Y2lzY29zcGFyazovL3VzL1dFQkhPT0svOTZhYmMyYWEtM2RjYy0xMWU1LWExNTItZmUzNDgxOWNkYzlh",
            WebexIds.Encode("WEBHOOK", "96abc2aa-3dcc-11e5-a152-fe34819cdc9a"));
        Assert.Equal(("ROOM", "abc"), WebexIds.TryDecode(WebexIds.Encode("ROOM", "abc")));
        Assert.Null(WebexIds.TryDecode("not-base64!"));
    }
}
