using MockWebex.Common;

namespace MockWebex.Auth;

/// <summary>Resolves `Authorization: Bearer` on /v1 and answers Webex's own 401 when it is missing or unknown.</summary>
public static class BearerAuth
{
    private const string ItemKey = "MockWebex.Identity";

    public static Identity Caller(this HttpContext http) =>
        http.Items[ItemKey] as Identity ?? throw new InvalidOperationException("No caller: BearerAuth did not run.");

    public static IApplicationBuilder UseBearerAuth(this IApplicationBuilder app) =>
        app.Use(async (http, next) =>
        {
            var header = http.Request.Headers.Authorization.ToString();
            var token = header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header[7..].Trim() : "";
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
