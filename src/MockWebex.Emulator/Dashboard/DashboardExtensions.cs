namespace MockWebex.Dashboard;

/// <summary>The dashboard is static files in wwwroot/dashboard, a client of /_emulator like any other.</summary>
public static class DashboardExtensions
{
    public static WebApplication UseDashboard(this WebApplication app)
    {
        app.MapGet("/", () => Results.Redirect("/dashboard/")).ExcludeFromDescription();
        // Only under /dashboard: for every other request (each /v1 call) the file lookup was wasted work (profiled).
        app.UseWhen(http => http.Request.Path.StartsWithSegments("/dashboard"), dashboard => dashboard.UseDefaultFiles().UseStaticFiles());
        return app;
    }
}
