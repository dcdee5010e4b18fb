using System.Text.Encodings.Web;
using Scalar.AspNetCore;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using MockWebex.Common;
using MockWebex.Admin;
using MockWebex.Faults;
using MockWebex.Verify;
using MockWebex.Dashboard;
using MockWebex.Resources;
using MockWebex.Webhooks;

namespace MockWebex.Hosting;

/// <summary>Builds the emulator web app. `mockwebex serve`, MockWebex.Testing and the tests all start it through here.</summary>
public static class EmulatorHost
{
    public static WebApplication Build(IEnumerable<KeyValuePair<string, string?>>? settings = null, Action<IServiceCollection>? overrides = null)
    {
        // The slim builder: no IIS, QUIC, HTTPS defaults or extra log providers to load; appsettings.json and env vars read
        // once (reloading on change watched every folder under the working directory: ≈7 MiB of an idle `serve`).
        var builder = SlimBuilder.Create();
        builder.Environment.WebRootFileProvider = EmbeddedFiles.WebRoot;
        builder.Configuration.AddEnvironmentVariables(prefix: "MOCKWEBEX__");
        if (settings is not null) builder.Configuration.AddInMemoryCollection(settings);

        var server = builder.Configuration.GetSection(ServerOptions.Section).Get<ServerOptions>() ?? new ServerOptions();
        // Read here, before the host exists to validate it: checked as the other options are, so a bad port is named.
        if (new DataAnnotationValidateOptions<ServerOptions>(null).Validate(null, server) is { Failed: true } invalid)
            throw new OptionsValidationException(Options.DefaultName, typeof(ServerOptions), invalid.Failures);
        builder.WebHost.UseUrls($"http://{server.Host}:{server.Port}");
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);

        // Request targets up to 64 KiB reach the app, which answers a long one 414 with a body (Kestrel's own 414 has none).
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestLineSize = 64 * 1024);
        builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping);
        builder.Services.AddProblemDetails();
        builder.Services.AddOptions<ServerOptions>().BindConfiguration(ServerOptions.Section);
        builder.Services.AddOptions<AdminOptions>().BindConfiguration(AdminOptions.Section);
        builder.Services.AddOptions<ClockOptions>().BindConfiguration(ClockOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        var clock = EmulatorClock.Create(builder.Configuration[$"{ClockOptions.Section}:Mode"]);
        builder.Services.AddSingleton(clock);
        builder.Services.AddSingleton(clock.Provider);
        builder.Services.AddOpenApi(options => options.AddDocumentTransformer((document, _, _) =>
        {
            // Sections in the order a bot developer needs them (webhooks first), the emulator's own control plane last.
            string[] order = ["Webhooks", "People", "Rooms", "Memberships", "Messages", "Attachment Actions", "Contents", "Teams", "Team Memberships", "Emulator"];
            if (document.Tags is { } tags)
            {
                var sorted = tags.OrderBy(t => Array.IndexOf(order, t.Name) is var i and >= 0 ? i : order.Length).ToList();
                tags.Clear();
                foreach (var tag in sorted) tags.Add(tag);
            }
            return Task.CompletedTask;
        }));
        builder.Services.AddStorage();
        builder.Services.AddIdentities();
        builder.Services.AddWebhooks();
        builder.Services.AddResources();
        builder.Services.AddDelivery();
        builder.Services.AddEvents();
        overrides?.Invoke(builder.Services);

        var app = builder.Build();
        app.UseMiddleware<ControlPlaneGuard>();
        app.UseV1Pipeline();
        app.UseDashboard();
        app.MapHealthChecks("/healthz", new HealthCheckOptions
        {
            ResponseWriter = (http, report) => http.Response.WriteAsJsonAsync(report.Status == HealthStatus.Healthy ? HealthAnswer.Ok
                : HealthAnswer.Unhealthy(report.Entries.Values.FirstOrDefault(entry => entry.Status != HealthStatus.Healthy).Description)),
        });
        app.MapOpenApi("/openapi/{documentName}.json");
        // An interactive reference of that document, served from the package (no CDN, no web fonts: works offline).
        app.MapScalarApiReference("/api-reference", options =>
        {
            options.Title = "MockWebex — emulated Webex API";
            options.OpenApiRoutePattern = "/openapi/{documentName}.json";
            options.DefaultFonts = false;
        });
        app.MapWebhooksApi();
        app.MapPeopleApi();
        app.MapRoomsApi();
        app.MapMembershipsApi();
        app.MapMessagesApi();
        app.MapAttachmentActionsApi();
        app.MapContentsApi();
        app.MapTeamsApi();
        app.MapTeamMembershipsApi();
        app.MapV1Fallback();
        app.MapEmulatorApi();
        app.MapFaultsApi();
        app.MapVerifyApi();
        return app;
    }

    /// <summary>The first address Kestrel bound (resolves port 0 to the real port).</summary>
    public static string BaseUrl(this WebApplication app) => ServerAddress.Of(app.Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>());
}
