using MockWebex.Auth;

namespace MockWebex.Verify;

/// <summary>The /v1 middleware for <see cref="ApiCallWatch"/>: after auth, before the fault rules, so the calls they answer are seen too.</summary>
public static class ApiCallWatchMiddleware
{
    public static IApplicationBuilder UseApiCallWatch(this IApplicationBuilder app) => app.Use(async (http, next) =>
    {
        if (http.RequestServices.GetRequiredService<ApiCallWatch>().WatcherOf(BearerAuth.TokenOf(http.Request)) is not { } watcher)
        {
            await next(http);
            return;
        }
        // Timed at arrival: a retry's distance from the 429 then never comes out shorter than what the client waited.
        var arrived = watcher.Elapsed;
        try
        {
            await next(http);
        }
        finally
        {
            watcher.Record(arrived, http.Request.Method, http.Request.Path.Value ?? "", http.Response.StatusCode);
        }
    });
}
