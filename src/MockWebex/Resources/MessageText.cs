using System.Text.RegularExpressions;

namespace MockWebex.Resources;

/// <summary>
/// Webex markdown mentions: `&lt;@personId:ID|Name&gt;`, `&lt;@personEmail:EMAIL|Name&gt;` and `&lt;@all&gt;`.
/// They become mentionedPeople / mentionedGroups, and the plain `text` shows the name instead of the tag.
/// </summary>
public static partial class MessageText
{
    [GeneratedRegex(@"<@(?:(personId|personEmail):([^|>]+)(?:\|([^>]*))?|(all))>")]
    private static partial Regex Mention();

    [GeneratedRegex(@"\*\*|__|`")]
    private static partial Regex Emphasis();

    public sealed record Rendered(string Text, List<string> MentionedPeople, List<string> MentionedGroups);

    /// <param name="resolve">Finds the person a mention names (by id or email); null leaves the tag's label.</param>
    public static Rendered Render(string markdown, Func<string, string, PersonRecord?> resolve)
    {
        var people = new List<string>();
        var groups = new List<string>();
        var text = Mention().Replace(markdown, m =>
        {
            if (m.Groups[4].Success)
            {
                if (!groups.Contains("all")) groups.Add("all");
                return "All";
            }
            var person = resolve(m.Groups[1].Value, m.Groups[2].Value.Trim());
            var id = person?.Id ?? m.Groups[2].Value.Trim();
            if (!people.Contains(id)) people.Add(id);
            return m.Groups[3].Success ? m.Groups[3].Value : person?.DisplayName ?? m.Groups[2].Value;
        });
        return new Rendered(Emphasis().Replace(text, ""), people, groups);
    }
}
