using System.Text.Json.Nodes;
using MockWebex.Delivery;
using MockWebex.Events;
using MockWebex.Storage;

namespace MockWebex.Tests.Unit;

public sealed class WebhookMatcherTests
{
    private static WebhookRecord Hook(string resource, string @event, string? filter = null, string ownedBy = "creator", string status = "active") =>
        new() { Id = "w", Resource = resource, Event = @event, Filter = filter, OwnedBy = ownedBy, Status = status, CreatedBy = "OWNER", OrgId = "ORG" };

    private static WebexEvent Event(string resource, string @event, JsonObject? data = null, string? org = null, string[]? visibleTo = null) =>
        new("e", resource, @event, "ACTOR", data ?? new JsonObject(), org, visibleTo);

    [Theory]
    [InlineData("all", "all", "messages", "created", true)]
    [InlineData("all", "all", "memberships", "deleted", true)]
    [InlineData("all", "all", "rooms", "updated", true)]
    [InlineData("all", "all", "attachmentActions", "created", false)]
    [InlineData("all", "all", "meetings", "started", false)]
    [InlineData("all", "created", "rooms", "updated", false)]
    [InlineData("rooms", "all", "rooms", "migrated", false)]
    [InlineData("messages", "all", "messages", "deleted", true)]
    [InlineData("messages", "created", "messages", "deleted", false)]
    [InlineData("meetings", "started", "meetings", "started", true)]
    public void Matches_ResourceEventAndFirehose(string hookResource, string hookEvent, string resource, string @event, bool expected) =>
        Assert.Equal(expected, WebhookMatcher.Matches(Hook(hookResource, hookEvent), Event(resource, @event)));

    [Theory]
    [InlineData("roomId=R1", true)]
    [InlineData("roomId=R2", false)]
    [InlineData("roomId=R1&personEmail=ALICE@example.com", true)]
    [InlineData("roomId=R1&personEmail=bob@example.com", false)]
    [InlineData("roomType=group", true)]
    [InlineData("hasFiles=true", true)]
    [InlineData("hasFiles=false", false)]
    [InlineData("hasAttachments=false", true)]
    [InlineData("mentionedPeople=me", true)]
    [InlineData("mentionedPeople=SOMEONE,OWNER", true)]
    [InlineData("mentionedPeople=SOMEONE", false)]
    public void Matches_FilterTerms(string filter, bool expected)
    {
        var data = new JsonObject
        {
            ["roomId"] = "R1",
            ["roomType"] = "group",
            ["personEmail"] = "alice@example.com",
            ["files"] = new JsonArray("https://x/file"),
            ["mentionedPeople"] = new JsonArray("OWNER"),
        };
        Assert.Equal(expected, WebhookMatcher.Matches(Hook("messages", "created", filter), Event("messages", "created", data)));
    }

    [Theory]
    [InlineData("isLocked=true", true, true)]
    [InlineData("isLocked=false", true, false)]
    [InlineData("isLocked=False", false, true)]
    public void Matches_BooleanFilter(string filter, bool locked, bool expected) =>
        Assert.Equal(expected, WebhookMatcher.Matches(Hook("rooms", "updated", filter), Event("rooms", "updated", new JsonObject { ["isLocked"] = locked })));

    [Fact]
    public void Explain_FailingFilter_NamesTheTerm()
    {
        var result = WebhookMatcher.Explain(Hook("messages", "created", "roomId=R2"), Event("messages", "created", new JsonObject { ["roomId"] = "R1" }));
        Assert.False(result.Matches);
        Assert.Equal("filter roomId=R2: event has roomId=R1", result.FailedReason);
    }

    [Fact]
    public void Matches_InactiveWebhook_Never()
    {
        var result = WebhookMatcher.Explain(Hook("messages", "created", status: "inactive"), Event("messages", "created"));
        Assert.False(result.Matches);
        Assert.Contains("inactive", result.FailedReason);
    }

    [Fact]
    public void Matches_Visibility_CreatorNeedsToSeeEvent_OrgWideSeesOrg()
    {
        Assert.False(WebhookMatcher.Matches(Hook("messages", "created"), Event("messages", "created", visibleTo: ["SOMEONE"])));
        Assert.True(WebhookMatcher.Matches(Hook("messages", "created"), Event("messages", "created", visibleTo: ["OWNER"])));
        Assert.False(WebhookMatcher.Matches(Hook("messages", "created"), Event("messages", "created", org: "OTHER")));
        Assert.True(WebhookMatcher.Matches(Hook("messages", "created", ownedBy: "org"), Event("messages", "created", org: "ORG", visibleTo: ["SOMEONE"])));
        Assert.False(WebhookMatcher.Matches(Hook("messages", "created", ownedBy: "org"), Event("messages", "created", org: "OTHER")));
    }

    [Fact]
    public void Matches_BotOwner_GroupMessageOnlyWhenMentioned()
    {
        var data = new JsonObject { ["roomType"] = "group" };
        var plain = Event("messages", "created", data);
        var mentioning = plain with { MentionedPeople = ["OWNER"] };
        Assert.False(WebhookMatcher.Matches(Hook("messages", "created"), plain, ownerIsBot: true));
        Assert.True(WebhookMatcher.Matches(Hook("messages", "created"), mentioning, ownerIsBot: true));
        Assert.True(WebhookMatcher.Matches(Hook("messages", "created"), plain, ownerIsBot: false));
    }
}
