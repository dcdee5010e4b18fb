using Microsoft.AspNetCore.Diagnostics;
using MockWebex.Auth;
using MockWebex.Common;

namespace MockWebex.Hosting;

/// <summary>
/// Middleware for the emulated /v1 API: tracking ids, bearer auth, and Webex error bodies on every
/// non-2xx the framework itself produces (unknown route, wrong method, binding failure, crash).
/// </summary>
public static class V1Pipeline
{
    public static bool IsV1(this HttpRequest request) => request.Path.StartsWithSegments("/v1");

    public static WebApplication UseV1Pipeline(this WebApplication app)
    {
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            ExceptionHandler = async http =>
            {
                var status = http.Features.Get<IExceptionHandlerFeature>()?.Error is BadHttpRequestException bad ? bad.StatusCode : 500;
                await WriteErrorAsync(http, status);
            },
        });
        app.UseStatusCodePages(async context =>
        {
            if (context.HttpContext.Request.IsV1()) await WriteErrorAsync(context.HttpContext, context.HttpContext.Response.StatusCode);
        });
        app.UseWhen(http => http.Request.IsV1(), v1 => v1.UseTrackingId().UseBearerAuth());
        return app;
    }

    /// <summary>Anything under /v1 that no endpoint matched is a Webex 404 (after auth, as Webex's router does).</summary>
    public static IEndpointRouteBuilder MapV1Fallback(this IEndpointRouteBuilder routes)
    {
        routes.Map("/v1/{**path}", (HttpContext http) => WebexErrors.NotFound(http)).ExcludeFromDescription();
        return routes;
    }

    private static Task WriteErrorAsync(HttpContext http, int status)
    {
        if (http.Response.HasStarted) return Task.CompletedTask;
        http.Response.Headers["trackingid"] = TrackingId.Get(http);
        return WebexErrors.Status(http, status, WebexErrors.DefaultMessage(status)).ExecuteAsync(http);
    }
}
