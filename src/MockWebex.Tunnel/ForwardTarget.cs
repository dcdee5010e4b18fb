namespace MockWebex.Tunnel;

/// <summary>
/// Where a delivery goes: the --forward-to URL with the request's path suffix and query appended
/// exactly as received (percent-encoding byte for byte, no slash added). Behind the tunnel the suffix
/// is what followed /hooks/{channel}; for `forward` it is the request path, "/" alone meaning none.
/// </summary>
public static class ForwardTarget
{
    /// <summary>The part of a raw request target that is appended to the app's URL.</summary>
    public static string Suffix(string rawTarget, bool behindTunnel)
    {
        var queryStart = rawTarget.IndexOf('?');
        var path = queryStart < 0 ? rawTarget : rawTarget[..queryStart];
        var query = queryStart < 0 ? "" : rawTarget[queryStart..];
        if (behindTunnel)
        {
            // "/hooks/{channel}" then the suffix.
            var end = path.Length > 7 ? path.IndexOf('/', 7) : -1;
            path = end < 0 ? "" : path[end..];
        }
        else if (path == "/")
        {
            path = "";
        }
        return path + query;
    }

    /// <summary>The app's URL followed by the suffix: its path appended, its query joined to the app URL's own.</summary>
    public static string Join(string forwardTo, string suffix)
    {
        var queryStart = suffix.IndexOf('?');
        var path = queryStart < 0 ? suffix : suffix[..queryStart];
        var query = queryStart < 0 ? "" : suffix[(queryStart + 1)..];
        var baseQueryStart = forwardTo.IndexOf('?');
        var basePart = baseQueryStart < 0 ? forwardTo : forwardTo[..baseQueryStart];
        var baseQuery = baseQueryStart < 0 ? "" : forwardTo[(baseQueryStart + 1)..];
        var bareAuthority = new Uri(basePart).AbsolutePath == "/";
        if (bareAuthority && basePart.EndsWith('/') && path.Length > 0) basePart = basePart[..^1];
        if (bareAuthority && !basePart.EndsWith('/') && path.Length == 0) path = "/";
        var joinedQuery = string.Join('&', new[] { baseQuery, query }.Where(q => q.Length > 0));
        return basePart + path + (joinedQuery.Length > 0 ? "?" + joinedQuery : "");
    }
}
