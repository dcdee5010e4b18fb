using MockWebex.Tests.Infrastructure;

namespace MockWebex.Tests.Resources;

public sealed class MarkdownHtmlTests
{
    [Fact]
    public async Task MarkdownMessage_HasHtmlWithSparkMentions_AndPlainText()
    {
        await using var emulator = await Emulator.StartAsync();
        var alice = emulator.Client("alice-token");
        var bot = await emulator.Client("bot-token").GetWebexAsync("/v1/people/me").OkAsync();
        var roomId = (await alice.PostWebexAsync("/v1/rooms", new { title = "T" }).OkAsync())["id"]!.ToString();
        await alice.PostWebexAsync("/v1/memberships", new { roomId, personId = bot["id"]!.ToString() }).OkAsync();

        var markdown = $"<@personId:{bot["id"]}|Mock Bot> please **deploy** `v2` to <@all> <script>x</script>";
        var created = await alice.PostWebexAsync("/v1/messages", new { roomId, markdown }).OkAsync();
        var read = await alice.GetWebexAsync($"/v1/messages/{created["id"]}").OkAsync();

        Assert.Equal(
            $"<p><spark-mention data-object-type=\"person\" data-object-id=\"{bot["id"]}\">Mock Bot</spark-mention> please <strong>deploy</strong> <code>v2</code> to "
            + "<spark-mention data-object-type=\"groupMention\" data-group-type=\"all\">All</spark-mention> &lt;script&gt;x&lt;/script&gt;</p>",
            read["html"]!.ToString());
        Assert.Equal("Mock Bot please deploy v2 to All <script>x</script>", read["text"]!.ToString());
        Assert.Equal(bot["id"]!.ToString(), read["mentionedPeople"]![0]!.ToString());
        Assert.Equal(created.ToJsonString(), read.ToJsonString());
    }
}
