namespace MockWebex.Webhooks;

/// <summary>A webhook filter: `key=value` terms joined by `&amp;` (e.g. personEmail=a@b.com&amp;roomId=abc).</summary>
public sealed record WebhookFilter(IReadOnlyList<KeyValuePair<string, string>> Terms)
{
    public static readonly WebhookFilter None = new([]);

    /// <summary>Parses a filter; returns an error message instead of throwing.</summary>
    public static WebhookFilter? TryParse(string? text, out string? error)
    {
        error = null;
        if (string.IsNullOrEmpty(text)) return None;
        var terms = new List<KeyValuePair<string, string>>();
        foreach (var term in text.Split('&'))
        {
            var eq = term.IndexOf('=');
            if (eq <= 0 || eq == term.Length - 1)
            {
                error = $"Invalid filter term '{term}': expected key=value.";
                return null;
            }
            // Values are kept as sent; percent-encoded ones are decoded too (UNCERTAIN in Webex, harmless here).
            terms.Add(new(term[..eq], Uri.UnescapeDataString(term[(eq + 1)..])));
        }
        return new WebhookFilter(terms);
    }
}
