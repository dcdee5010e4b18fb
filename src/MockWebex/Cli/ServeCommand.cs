using System.CommandLine;
using MockWebex.Hosting;
using MockWebex.Storage;

namespace MockWebex.Cli;

public static class ServeCommand
{
    public static Command Create()
    {
        var port = new Option<int?>("--port") { Description = "Port to listen on (default 8080; 0 picks a free one)" }.Between(0, 65535);
        var data = new Option<string?>("--data") { Description = "LiteDB data file, relative to the current directory (default ./mockwebex.db; :memory: for none)" };
        var host = new Option<string?>("--host") { Description = "Interface to bind (default 127.0.0.1)" };
        var clock = new Option<string?>("--clock") { Description = "real (default) or virtual: time moves only with POST /_emulator/clock/advance" };
        clock.AcceptOnlyFromAmong("real", "virtual");
        var command = new Command("serve", "Run the Webex emulator") { port, data, host, clock };
        command.SetAction((parse, ct) => CommonOptions.GuardAsync(async () =>
        {
            var settings = new Dictionary<string, string?>();
            if (parse.GetValue(port) is { } p) settings["Server:Port"] = p.ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (parse.GetValue(data) is { } d)
                settings["Storage:Path"] = d.Trim().Length > 0 ? d : throw new CliException("--data needs a file path (or :memory: for a store that is not kept)");
            if (parse.GetValue(host) is { } h) settings["Server:Host"] = h;
            if (parse.GetValue(clock) is { } c) settings["Clock:Mode"] = c;
            if (!CommonOptions.IsVerbose)
            {
                // Our own lines say what matters; the host's would repeat them, and print a failed start as a stack trace.
                settings["Logging:LogLevel:Microsoft.Hosting.Lifetime"] = "Warning";
                settings["Logging:LogLevel:Microsoft.Extensions.Hosting"] = "None";
            }
            await using var app = EmulatorHost.Build(settings);
            var server = app.Configuration.GetSection(ServerOptions.Section).Get<ServerOptions>() ?? new ServerOptions();
            var store = app.Services.GetRequiredService<WebexStore>(); // the file opens meanwhile (see WebexStore)
            await CommonOptions.StartOrExplainAsync(() => app.StartAsync(ct), server.Port, $"http://{server.Host}:{server.Port}");
            try
            {
                await store.Ready;
            }
            catch (StorageUnavailableException e)
            {
                throw new CliException(e.Message, e);
            }
            var mode = app.Services.GetRequiredService<EmulatorClock>().IsVirtual ? "; clock: virtual" : "";
            Console.WriteLine($"MockWebex listening on {app.BaseUrl()}  (data: {store.FullPath}; dashboard: {app.BaseUrl()}/{mode})");
            await app.WaitForShutdownAsync(ct);
            return 0;
        }));
        return command;
    }
}
