using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.HttpOverrides;
using MockWebex.Auth;
using MockWebex.Common;
using MockWebex.Faults;
using MockWebex.Storage;
using MockWebex.Verify;

namespace MockWebex.Hosting;

/// <summary>
/// Middleware for the emulated /v1 API: tracking ids, bearer auth, and Webex error bodies on every
/// non-2xx the framework itself produces (unknown route, wrong method, binding failure, crash).
/// </summary>
public static class V1Pipeline
{
    public const int MaxTargetLength = 8192;

    public static bool IsV1(this HttpRequest request) => request.Path.StartsWithSegments("/v1");

    public static WebApplication UseV1Pipeline(this WebApplication app)
    {
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            ExceptionHandler = async http =>
            {
                var error = http.Features.Get<IExceptionHandlerFeature>()?.Error;
                var status = error switch
                {
                    BadHttpRequestException bad => bad.StatusCode,
                    ValueTooLongException => 400, // rolled back: nothing of the request was stored
                    StorageUnavailableException => 503, // the data file cannot be written (a full disk): rolled back too
                    _ => 500,
                };
                // A body that does not bind (WebexJsonBody) names its problem; the framework's own bad requests get the default text.
                var message = error switch
                {
                    WebexRequestException invalid => invalid.Problem.Message,
                    ValueTooLongException tooLong => tooLong.Message,
                    StorageUnavailableException unavailable => unavailable.Message,
                    _ => WebexErrors.DefaultMessage(status),
                };
                if (http.Request.IsV1()) await WriteErrorAsync(http, status, message);
                else if (!http.Response.HasStarted) await Results.Problem(error is ValueTooLongException or StorageUnavailableException ? message : null, statusCode: status).ExecuteAsync(http);
            },
            // A client's mistake is answered, not logged as a server error; a file that cannot be written is logged once by the store.
            SuppressDiagnosticsCallback = context => context.Exception is BadHttpRequestException or ValueTooLongException or StorageUnavailableException,
        });
        // Every non-2xx has a body: Webex's on /v1, problem details elsewhere (the framework's own 404/405/415 have none).
        app.UseStatusCodePages(async context =>
        {
            var http = context.HttpContext;
            if (http.Request.IsV1()) await WriteErrorAsync(http, http.Response.StatusCode, WebexErrors.DefaultMessage(http.Response.StatusCode));
            else await Results.Problem(statusCode: http.Response.StatusCode).ExecuteAsync(http);
        });
        app.Use(async (http, next) =>
        {
            // Webex's limit on a request target; longer ones get a 414 with a body instead of Kestrel's bare one.
            if (http.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpRequestFeature>()!.RawTarget.Length > MaxTargetLength)
            {
                http.Response.StatusCode = StatusCodes.Status414UriTooLong;
                if (http.Request.IsV1()) await WriteErrorAsync(http, 414, WebexErrors.DefaultMessage(414));
                else await Results.Problem($"The request target is longer than {MaxTargetLength} characters.", statusCode: 414).ExecuteAsync(http);
                return;
            }
            await next(http);
        });
        app.UseWhen(http => http.Request.IsV1(), v1 => v1.UseForwardedHeaders(PublicUrlHeaders()).UseTrackingId().UseBearerAuth().UseApiCallWatch().UseFaultRules());
        return app;
    }

    /// <summary>
    /// Link headers name the URL the client used, behind a proxy or the tunnel too: X-Forwarded-Proto, -Host and
    /// -Prefix set the request's scheme, host and path base (the first value of a list: the client's side).
    /// Any sender is trusted with them, as they change only the links this API writes; the control plane's
    /// Host check is not behind this.
    /// </summary>
    private static ForwardedHeadersOptions PublicUrlHeaders()
    {
        var options = new ForwardedHeadersOptions
        {
            ForwardedHeaders = ForwardedHeaders.XForwardedProto | ForwardedHeaders.XForwardedHost | ForwardedHeaders.XForwardedPrefix,
            ForwardLimit = null,
        };
        options.KnownIPNetworks.Clear();
        options.KnownProxies.Clear();
        return options;
    }

    /// <summary>Anything under /v1 that no endpoint matched is a Webex 404 (after auth, as Webex's router does).</summary>
    public static IEndpointRouteBuilder MapV1Fallback(this IEndpointRouteBuilder routes)
    {
        routes.Map("/v1/{**path}", (HttpContext http) => WebexErrors.NotFound(http)).ExcludeFromDescription();
        return routes;
    }

    private static Task WriteErrorAsync(HttpContext http, int status, string message)
    {
        if (http.Response.HasStarted) return Task.CompletedTask;
        http.Response.Headers["trackingid"] = TrackingId.Get(http);
        return WebexErrors.Status(http, status, message).ExecuteAsync(http);
    }
}
