using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using MockWebex.Tests.Infrastructure;

namespace MockWebex.Tests.Resources;

/// <summary>Every resource endpoint that takes a body judges it like /v1/webhooks: Webex bodies, never a 500, nothing stored.</summary>
public sealed class ResourceErrorsTests
{
    public static TheoryData<string> BodyEndpoints => new() { "/v1/rooms", "/v1/memberships", "/v1/messages", "/v1/attachment/actions" };

    [Theory]
    [MemberData(nameof(BodyEndpoints))]
    public async Task Post_WithoutToken_401WebexBody(string path)
    {
        await using var emulator = await Emulator.StartAsync();
        var answer = await emulator.Client(null).PostWebexAsync(path, new { title = "x" });
        Assert.Equal(HttpStatusCode.Unauthorized, answer.Status);
        Assert.Contains("access token", answer.Message);
    }

    [Theory]
    [MemberData(nameof(BodyEndpoints))]
    public async Task Post_WrongContentTypeOrTooLargeOrEmpty_WebexStatusAndNothingStored(string path)
    {
        await using var emulator = await Emulator.StartAsync();
        var client = emulator.Client("alice-token");

        var form = await client.PostAsync(path, new StringContent("title=x", Encoding.UTF8, "application/x-www-form-urlencoded"));
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, form.StatusCode);
        var huge = await client.PostAsync(path, HttpJson.Json($"{{\"title\":\"{new string('x', 1024 * 1024 + 10)}\"}}"));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, huge.StatusCode);
        var empty = await client.PostAsync(path, HttpJson.Json(""));
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.Contains("Required request body is missing", await empty.Content.ReadAsStringAsync());

        Assert.Empty((await client.GetWebexAsync("/v1/rooms").OkAsync())["items"]!.AsArray());
        Assert.Empty(JsonNode.Parse(await emulator.Client(null).GetStringAsync("/_emulator/messages"))!.AsArray());
    }

    [Theory]
    [InlineData("/v1/rooms/nope")]
    [InlineData("/v1/memberships/nope")]
    [InlineData("/v1/messages/nope")]
    [InlineData("/v1/attachment/actions/nope")]
    [InlineData("/v1/people/nope")]
    public async Task Get_UnknownId_404WithTrackingId(string path)
    {
        await using var emulator = await Emulator.StartAsync();
        var answer = await emulator.Client().GetWebexAsync(path);
        Assert.Equal(HttpStatusCode.NotFound, answer.Status);
        Assert.Equal("The requested resource could not be found.", answer.Message);
        Assert.Equal(answer["trackingId"], answer.Response.Headers.GetValues("trackingid").Single());
    }
}
