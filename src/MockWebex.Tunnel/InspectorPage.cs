using Microsoft.Extensions.FileProviders;
using System.Net;
using MockWebex.Hosting;

namespace MockWebex.Tunnel;

/// <summary>
/// The inspector of `forward` and `listen`: a page listing relayed deliveries, served on loopback only
/// and only to pages of its own origin (a Host that is not a loopback name is refused, which stops DNS
/// rebinding). Its own requests never pass through the forwarder, so they are never printed or recorded.
/// </summary>
public static class InspectorPage
{
    public static WebApplication Build(RelayFeed feed, int port)
    {
        var builder = SlimBuilder.Create();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, port));
        var app = builder.Build();
        app.Use(async (http, next) =>
        {
            if (http.Request.Host.Host is not ("localhost" or "127.0.0.1" or "[::1]" or "::1"))
            {
                http.Response.StatusCode = StatusCodes.Status403Forbidden;
                await http.Response.WriteAsync("the inspector answers only to http://127.0.0.1 or http://localhost");
                return;
            }
            await next(http);
        });
        app.Use(MockWebex.Dashboard.DashboardExtensions.NotFramed);
        app.MapGet("/", () => Results.Redirect("/_relay/"));
        app.MapGet("/_relay/", () => PageFile("index.html", "text/html; charset=utf-8"));
        app.MapGet("/_relay/relay.js", () => PageFile("relay.js", "text/javascript"));
        app.MapGet("/_relay/dashboard.css", () => PageFile("dashboard.css", "text/css"));
        app.MapGet("/_relay/deliveries", () => TypedResults.Ok(feed.Summaries()));
        app.MapGet("/_relay/deliveries/{id:long}", (long id) => feed.Find(id) is { } d ? Results.Ok(d) : Results.NotFound());
        return app;
    }

    /// <summary>The page's files are built into this assembly (wwwroot/relay, see the csproj).</summary>
    private static readonly ManifestEmbeddedFileProvider Files = new(typeof(InspectorPage).Assembly, "wwwroot/relay");

    private static IResult PageFile(string name, string contentType) => Results.Stream(Files.GetFileInfo(name).CreateReadStream(), contentType);
}
