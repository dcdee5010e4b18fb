using MockWebex.Common;

namespace MockWebex.Auth;

/// <summary>Resolves `Authorization: Bearer` on /v1 and answers Webex's own 401 when it is missing or unknown.</summary>
public static class BearerAuth
{
    private const string ItemKey = "MockWebex.Identity";

    public static Identity Caller(this HttpContext http) =>
        http.Items[ItemKey] as Identity ?? throw new InvalidOperationException("No caller: BearerAuth did not run.");

    /// <summary>The token of `Authorization: Bearer &lt;token&gt;`, or "" without one.</summary>
    public static string TokenOf(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        return header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header[7..].Trim() : "";
    }

    public static IApplicationBuilder UseBearerAuth(this IApplicationBuilder app) =>
        app.Use(async (http, next) =>
        {
            var token = TokenOf(http.Request);
            var identity = token.Length == 0 ? null : http.RequestServices.GetRequiredService<IdentityDirectory>().Resolve(token);
            if (identity is null)
            {
                await WebexErrors.Status(http, 401, WebexErrors.Unauthorized).ExecuteAsync(http);
                return;
            }
            http.Items[ItemKey] = identity;
            await next(http);
        });
}
