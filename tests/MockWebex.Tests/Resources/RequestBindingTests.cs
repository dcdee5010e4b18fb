using System.Net;
using MockWebex.Tests.Infrastructure;

namespace MockWebex.Tests.Resources;

/// <summary>Request bodies bind to their request records; a value of the wrong type is Webex's 400 naming the field, and nothing is written.</summary>
public sealed class RequestBindingTests
{
    [Theory]
    [InlineData("/v1/rooms", """{"title":5}""", "Invalid value for 'title': expected a string but got a number.")]
    [InlineData("/v1/rooms", """{"title":"t","teamId":{"id":"x"}}""", "Invalid value for 'teamId': expected a string but got an object.")]
    [InlineData("/v1/messages", """{"toPersonEmail":"x@example.com","files":{"url":"https://x"}}""", "Invalid value for 'files': expected a URL or an array of URLs but got an object.")]
    [InlineData("/v1/messages", """{"toPersonEmail":"x@example.com","files":[1]}""", "Invalid value for 'files': expected a URL or an array of URLs but got an array.")]
    [InlineData("/v1/messages", """{"toPersonEmail":"x@example.com","attachments":{}}""", "Invalid value for 'attachments': expected an array of cards but got an object.")]
    [InlineData("/v1/memberships", """{"roomId":"r","personEmail":"x@example.com","isModerator":"yes"}""", "Invalid value for 'isModerator': expected a boolean but got a string.")]
    [InlineData("/v1/attachment/actions", """{"type":"submit","messageId":"m","inputs":[1]}""", "Invalid value for 'inputs': expected an object of the card's input values but got an array.")]
    [InlineData("/v1/rooms", """{"Title":"wrong case"}""", "title cannot be empty.")]
    public async Task WrongType_Is400NamingTheField(string url, string body, string message)
    {
        await using var emulator = await Emulator.StartAsync();
        var answer = await emulator.Client().PostWebexAsync(url, body);
        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        Assert.Equal(message, answer.Message);
        Assert.False(string.IsNullOrEmpty(answer.Body!["trackingId"]?.ToString()));
        Assert.Empty((await emulator.Client().GetWebexAsync("/v1/rooms").OkAsync())["items"]!.AsArray());
    }

    [Fact]
    public async Task PutWithWrongType_Is400_AndTheResourceIsUnchanged()
    {
        await using var emulator = await Emulator.StartAsync();
        var alice = emulator.Client();
        var room = await alice.PostWebexAsync("/v1/rooms", new { title = "kept" }).OkAsync();
        var answer = await alice.PutWebexAsync($"/v1/rooms/{room["id"]}", """{"title":"changed","isLocked":"true"}""");
        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        Assert.Equal("Invalid value for 'isLocked': expected a boolean but got a string.", answer.Message);
        Assert.Equal("kept", (await alice.GetWebexAsync($"/v1/rooms/{room["id"]}").OkAsync())["title"]!.ToString());
    }

    [Fact]
    public async Task OneFileAsAString_BindsAsAOneElementList()
    {
        await using var emulator = await Emulator.StartAsync();
        var message = await emulator.Client().PostWebexAsync("/v1/messages", new { toPersonEmail = "x@example.com", files = "https://example.com/a.png" }).OkAsync();
        Assert.Equal(["https://example.com/a.png"], message["files"]!.AsArray().Select(f => f!.ToString()));
    }
}
