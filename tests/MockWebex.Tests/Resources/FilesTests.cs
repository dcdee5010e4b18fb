using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using MockWebex.Tests.Infrastructure;

namespace MockWebex.Tests.Resources;

/// <summary>Files: multipart POST /v1/messages as bots upload, and GET/HEAD /v1/contents/{id} as they download.</summary>
public sealed class FilesTests
{
    private static readonly byte[] Pdf = [.. "%PDF-1.4\n"u8.ToArray(), 0, 1, 2, 0xFF, 0xFE, .. Enumerable.Range(0, 3000).Select(i => (byte)(i * 7))];

    private static MultipartFormDataContent Upload(string field, string value, string fileName, byte[] bytes, string contentType = "application/pdf")
    {
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        return new MultipartFormDataContent { { new StringContent(value), field }, { new StringContent("here is the report"), "text" }, { file, "files", fileName } };
    }

    [Fact]
    public async Task MultipartUpload_FileServedAtContents_ToMembersOnly_WithNameAndType()
    {
        await using var emulator = await Emulator.StartAsync();
        var alice = emulator.Client("alice-token");
        var bob = emulator.Client("bob-token");

        using var posted = await alice.PostAsync("/v1/messages", Upload("toPersonEmail", "bob@example.com", "Q3 report.pdf", Pdf));
        var message = JsonNode.Parse(await posted.Content.ReadAsStringAsync())!;
        Assert.True(posted.IsSuccessStatusCode, message.ToJsonString());
        Assert.Equal("here is the report", message["text"]!.ToString());
        var url = Assert.Single(message["files"]!.AsArray())!.ToString();
        Assert.StartsWith(emulator.BaseUrl + "/v1/contents/", url);

        using var download = await bob.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal(Pdf, await download.Content.ReadAsByteArrayAsync());
        Assert.Equal("application/pdf", download.Content.Headers.ContentType!.MediaType);
        Assert.Equal("Q3 report.pdf", download.Content.Headers.ContentDisposition!.FileNameStar ?? download.Content.Headers.ContentDisposition.FileName!.Trim('"'));

        using var head = await bob.SendAsync(new HttpRequestMessage(HttpMethod.Head, url));
        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
        Assert.Equal(Pdf.Length, head.Content.Headers.ContentLength);
        Assert.Equal("application/pdf", head.Content.Headers.ContentType!.MediaType);
        Assert.NotNull(head.Content.Headers.ContentDisposition);
        Assert.Empty(await head.Content.ReadAsByteArrayAsync());

        Assert.Equal(HttpStatusCode.NotFound, (await emulator.Client("carol-token").GetAsync(url)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await emulator.Client(null).GetAsync(url)).StatusCode);

        // Deleting the message deletes its file.
        Assert.Equal(HttpStatusCode.NoContent, (await alice.DeleteAsync($"/v1/messages/{message["id"]}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await alice.GetAsync(url)).StatusCode);
    }

    [Fact]
    public async Task FileOverTheLimit_Is413_AndNothingIsStored()
    {
        await using var emulator = await Emulator.StartAsync(new() { ["Messages:MaxFileBytes"] = "1024" });
        var alice = emulator.Client("alice-token");
        var room = await alice.PostWebexAsync("/v1/rooms", new { title = "uploads" }).OkAsync();

        using var tooBig = await alice.PostAsync("/v1/messages", Upload("roomId", room["id"]!.ToString(), "big.bin", new byte[4096], "application/octet-stream"));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooBig.StatusCode);
        Assert.Contains("too large", JsonNode.Parse(await tooBig.Content.ReadAsStringAsync())!["message"]!.ToString());

        using var twoFiles = Upload("roomId", room["id"]!.ToString(), "a.txt", "a"u8.ToArray(), "text/plain");
        twoFiles.Add(new ByteArrayContent("b"u8.ToArray()), "files", "b.txt");
        using var answer = await alice.PostAsync("/v1/messages", twoFiles);
        Assert.Equal(HttpStatusCode.BadRequest, answer.StatusCode);

        Assert.Empty((await alice.GetWebexAsync($"/v1/messages?roomId={room["id"]}").OkAsync())["items"]!.AsArray());
    }
}

public sealed class MalformedUploadTests
{
    [Theory]
    [InlineData("multipart/form-data", "--XYZ\r\nContent-Disposition: form-data; name=\"text\"\r\n\r\nhi")]
    [InlineData("multipart/form-data; boundary=XYZ", "--XYZ\r\nContent-Disposition: form-data; name=\"text\"\r\n\r\nhi")]
    [InlineData("multipart/form-data; boundary=XYZ", "garbage")]
    [InlineData("multipart/form-data; boundary=", "")]
    public async Task MalformedMultipart_Is400WithAWebexBody(string contentType, string body)
    {
        await using var emulator = await Emulator.StartAsync();
        var content = new ByteArrayContent(System.Text.Encoding.UTF8.GetBytes(body));
        content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        using var answer = await emulator.Client("alice-token").PostAsync("/v1/messages", content);
        Assert.Equal(HttpStatusCode.BadRequest, answer.StatusCode);
        Assert.False(string.IsNullOrEmpty(JsonNode.Parse(await answer.Content.ReadAsStringAsync())!["trackingId"]?.ToString()));
    }
}

public sealed class TriggeredFileTests
{
    [Fact]
    public async Task TriggeredMessage_WithDetailsFile_CarriesAFileTheReceiverCanDownload()
    {
        await using var receiver = await TestReceiver.StartAsync();
        await using var emulator = await Emulator.StartAsync();
        var bob = emulator.Client("bob-token");
        await bob.CreateWebhookAsync(new { name = "b", targetUrl = receiver.Url, resource = "messages", @event = "created" });

        await emulator.TriggerAsync(new
        {
            resource = "messages",
            @event = "created",
            data = new { roomType = "direct" },
            details = new { text = "see attached", file = new { name = "hello.txt", contentType = "text/plain", text = "hello from a trigger" } },
        });
        var data = JsonNode.Parse((await receiver.WaitForAsync(1))[0].Body)!["data"]!;
        var message = await bob.GetWebexAsync($"/v1/messages/{data["id"]}").OkAsync();
        var url = Assert.Single(message["files"]!.AsArray())!.ToString();
        using var download = await bob.GetAsync(url);
        Assert.Equal("hello from a trigger", await download.Content.ReadAsStringAsync());
        Assert.Equal("hello.txt", download.Content.Headers.ContentDisposition!.FileNameStar ?? download.Content.Headers.ContentDisposition.FileName!.Trim('"'));

        var bad = await emulator.Client(null).PostAsync("/_emulator/events", HttpJson.Json("""{"resource":"messages","event":"created","details":{"file":{"base64":"not base64!"}}}"""));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
    }
}
