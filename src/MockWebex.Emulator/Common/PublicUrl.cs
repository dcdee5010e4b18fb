namespace MockWebex.Common;

/// <summary>
/// The base URL the client used, so Link headers work behind a proxy or tunnel:
/// X-Forwarded-Proto/Host/Prefix win over the connection's own scheme and Host.
/// </summary>
public static class PublicUrl
{
    public static string Base(HttpRequest request)
    {
        var scheme = First(request.Headers["X-Forwarded-Proto"]) ?? request.Scheme;
        var host = First(request.Headers["X-Forwarded-Host"]) ?? request.Host.Value;
        var prefix = (First(request.Headers["X-Forwarded-Prefix"]) ?? "").TrimEnd('/');
        return $"{scheme}://{host}{prefix}{request.PathBase}";
    }

    private static string? First(Microsoft.Extensions.Primitives.StringValues values)
    {
        var value = values.ToString().Split(',')[0].Trim();
        return value.Length == 0 ? null : value;
    }
}
