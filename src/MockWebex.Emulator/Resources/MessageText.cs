using System.Net;
using System.Text.RegularExpressions;
using Markdig;

namespace MockWebex.Resources;

/// <summary>
/// A markdown message as Webex returns it: `html` rendered by a CommonMark library (Markdig) with mentions
/// as `&lt;spark-mention&gt;` elements (bot frameworks strip their own mention from it), `text` the
/// plain-text form, and the mentions (`&lt;@personId:ID|Name&gt;`, `&lt;@personEmail:EMAIL|Name&gt;`,
/// `&lt;@all&gt;`) as mentionedPeople / mentionedGroups. Raw HTML in the markdown is escaped, not passed on.
/// </summary>
public static partial class MessageText
{
    [GeneratedRegex(@"<@(?:(personId|personEmail):([^|>]+)(?:\|([^>]*))?|(all))>")]
    private static partial Regex Mention();

    // A mention stands in the markdown as a marker Markdig leaves alone, and is put back after rendering.
    [GeneratedRegex("\u0002(\\d+)\u0003")]
    private static partial Regex Marker();

    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder().DisableHtml().Build();

    public sealed record Rendered(string Text, string Html, List<string> MentionedPeople, List<string> MentionedGroups);

    private sealed record Tag(string Name, string Element);

    /// <param name="resolve">Finds the person a mention names (by id or email); null leaves the tag's label.</param>
    public static Rendered Render(string markdown, Func<string, string, PersonRecord?> resolve)
    {
        var people = new List<string>();
        var groups = new List<string>();
        var tags = new List<Tag>();
        var marked = Mention().Replace(markdown, m =>
        {
            Tag tag;
            if (m.Groups[4].Success)
            {
                if (!groups.Contains("all")) groups.Add("all");
                tag = new Tag("All", "<spark-mention data-object-type=\"groupMention\" data-group-type=\"all\">All</spark-mention>");
            }
            else
            {
                var person = resolve(m.Groups[1].Value, m.Groups[2].Value.Trim());
                var id = person?.Id ?? m.Groups[2].Value.Trim();
                if (!people.Contains(id)) people.Add(id);
                var name = m.Groups[3].Success ? m.Groups[3].Value : person?.DisplayName ?? m.Groups[2].Value;
                tag = new Tag(name, $"<spark-mention data-object-type=\"person\" data-object-id=\"{WebUtility.HtmlEncode(id)}\">{WebUtility.HtmlEncode(name)}</spark-mention>");
            }
            tags.Add(tag);
            return $"\u0002{tags.Count - 1}\u0003";
        });
        var html = Marker().Replace(Markdown.ToHtml(marked, Pipeline).TrimEnd('\n'), m => tags[int.Parse(m.Groups[1].Value)].Element);
        var text = Marker().Replace(Markdown.ToPlainText(marked, Pipeline).TrimEnd('\n'), m => tags[int.Parse(m.Groups[1].Value)].Name);
        return new Rendered(text, html, people, groups);
    }
}
