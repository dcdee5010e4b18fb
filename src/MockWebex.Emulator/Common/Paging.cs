using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.AspNetCore.WebUtilities;

namespace MockWebex.Common;

/// <summary>
/// Webex list paging: `max` caps a page, and the next page is an RFC 5988 `Link: &lt;url&gt;; rel="next"`
/// that repeats the request's own filters. The cursor is opaque to clients (base64url of a sequence number, or of a sort key).
/// </summary>
public static class Paging
{
    public static bool TryParseMax(string? max, int cap, out int pageSize, out string? error, int? defaultSize = null)
    {
        pageSize = defaultSize ?? cap;
        error = null;
        if (max is null) return true;
        if (!int.TryParse(max, NumberStyles.None, CultureInfo.InvariantCulture, out pageSize) || pageSize < 1)
        {
            error = $"Invalid value for max: '{max}'. It must be a positive integer.";
            return false;
        }
        pageSize = Math.Min(pageSize, cap);
        return true;
    }

    /// <summary>Up to <paramref name="pageSize"/> items, and whether more follow (one extra item is read to know).</summary>
    public static List<T> Take<T>(IEnumerable<T> ordered, int pageSize, out bool more)
    {
        var page = ordered.Take(pageSize + 1).ToList();
        more = page.Count > pageSize;
        if (more) page.RemoveAt(pageSize);
        return page;
    }

    public static string EncodeCursor(long seq) =>
        System.Buffers.Text.Base64Url.EncodeToString(Encoding.ASCII.GetBytes(seq.ToString(CultureInfo.InvariantCulture)));

    public static bool TryDecodeCursor(string? cursor, out long seq)
    {
        seq = 0;
        if (string.IsNullOrEmpty(cursor)) return true;
        var bytes = FromBase64Url(cursor);
        return bytes is not null && long.TryParse(Encoding.ASCII.GetString(bytes), NumberStyles.None, CultureInfo.InvariantCulture, out seq);
    }

    /// <summary>A cursor that holds a list's sort key (the last item's), for lists not ordered by a sequence number.</summary>
    public static string EncodeKeyCursor(string key) => System.Buffers.Text.Base64Url.EncodeToString(Encoding.UTF8.GetBytes(key));

    public static bool TryDecodeKeyCursor(string? cursor, out string? key)
    {
        key = null;
        if (string.IsNullOrEmpty(cursor)) return true;
        if (FromBase64Url(cursor) is not { } bytes) return false;
        try
        {
            key = StrictUtf8.GetString(bytes);
            return true;
        }
        catch (DecoderFallbackException)
        {
            return false;
        }
    }

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Sets the Link header to this request's URL with `max` first and <paramref name="name"/>=<paramref name="value"/> last.</summary>
    public static void SetNextLink(HttpContext http, int pageSize, string name, string value)
    {
        var request = http.Request;
        var query = new List<KeyValuePair<string, string?>> { new("max", pageSize.ToString(CultureInfo.InvariantCulture)) };
        foreach (var (key, values) in request.Query)
            if (key != "max" && key != name) query.AddRange(values.Select(v => new KeyValuePair<string, string?>(key, v)));
        query.Add(new(name, value));
        // Scheme, Host and PathBase are what the client used: V1Pipeline applies X-Forwarded-Proto/Host/Prefix.
        var next = QueryHelpers.AddQueryString(UriHelper.BuildAbsolute(request.Scheme, request.Host, request.PathBase, request.Path), query);
        http.Response.Headers.Link = $"<{next}>; rel=\"next\"";
    }

    /// <summary>
    /// Decodes base64url, or base64 with or without padding (Webex ids use the standard alphabet, cursors the
    /// URL-safe one); null when it is neither.
    /// </summary>
    public static byte[]? FromBase64Url(string text)
    {
        var urlSafe = text.Replace('+', '-').Replace('/', '_');
        return System.Buffers.Text.Base64Url.IsValid(urlSafe) ? System.Buffers.Text.Base64Url.DecodeFromChars(urlSafe) : null;
    }
}
