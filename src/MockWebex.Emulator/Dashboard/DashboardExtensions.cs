namespace MockWebex.Dashboard;

/// <summary>The dashboard is static files in wwwroot/dashboard, a client of /_emulator like any other.</summary>
public static class DashboardExtensions
{
    public static WebApplication UseDashboard(this WebApplication app)
    {
        app.MapGet("/", () => Results.Redirect("/dashboard/")).ExcludeFromDescription();
        app.UseDefaultFiles();
        app.UseStaticFiles();
        return app;
    }
}
