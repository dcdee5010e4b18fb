namespace MockWebex.Dashboard;

/// <summary>The dashboard is static files in wwwroot/dashboard, a client of /_emulator like any other.</summary>
public static class DashboardExtensions
{
    public static WebApplication UseDashboard(this WebApplication app)
    {
        app.MapGet("/", () => Results.Redirect("/dashboard/")).ExcludeFromDescription();
        // Only under /dashboard: for every other request (each /v1 call) the file lookup was wasted work (profiled).
        app.UseWhen(http => http.Request.Path.StartsWithSegments("/dashboard"), dashboard => dashboard.Use(NotFramed).UseDefaultFiles().UseStaticFiles());
        return app;
    }

    /// <summary>
    /// No page of another site may show the dashboard in a frame: it could lay its own page over the dashboard's buttons
    /// (Reset, Redeliver) and have the user click them (clickjacking).
    /// </summary>
    public static Task NotFramed(HttpContext http, Func<Task> next)
    {
        http.Response.Headers.XFrameOptions = "DENY";
        http.Response.Headers.ContentSecurityPolicy = "frame-ancestors 'none'";
        http.Response.Headers.XContentTypeOptions = "nosniff";
        return next();
    }
}
