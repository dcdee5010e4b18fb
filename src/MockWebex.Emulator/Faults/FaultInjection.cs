using MockWebex.Auth;
using MockWebex.Common;

namespace MockWebex.Faults;

/// <summary>The /v1 middleware that applies fault rules: after auth (a bad token is still 401), before the endpoint.</summary>
public static class FaultInjection
{
    public static IApplicationBuilder UseFaultRules(this IApplicationBuilder app) => app.Use(async (http, next) =>
    {
        var rules = http.RequestServices.GetRequiredService<FaultRules>();
        if (rules.Hit(http.Request.Method, http.Request.Path.Value ?? "", BearerAuth.TokenOf(http.Request)) is not { } fault)
        {
            await next(http);
            return;
        }
        if (fault.DelayMs > 0)
            await Task.Delay(TimeSpan.FromMilliseconds(fault.DelayMs), http.RequestServices.GetRequiredService<TimeProvider>(), http.RequestAborted);
        if (fault.Status == 0)
        {
            await next(http);
            return;
        }
        // Webex's rate limiting answers 429 with Retry-After; its error body and trackingid as for any error.
        if (fault.RetryAfter is { } seconds) http.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        http.Response.Headers["trackingid"] = TrackingId.Get(http);
        await WebexErrors.Status(http, fault.Status, WebexErrors.DefaultMessage(fault.Status)).ExecuteAsync(http);
    });
}
