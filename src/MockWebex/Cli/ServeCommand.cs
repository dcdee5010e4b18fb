using System.CommandLine;
using MockWebex.Hosting;
using MockWebex.Storage;

namespace MockWebex.Cli;

public static class ServeCommand
{
    public static Command Create()
    {
        var port = new Option<int?>("--port") { Description = "Port to listen on (default 8080; 0 picks a free one)" };
        var data = new Option<string?>("--data") { Description = "LiteDB data file (default ./mockwebex.db; :memory: for none)" };
        var host = new Option<string?>("--host") { Description = "Interface to bind (default 127.0.0.1)" };
        var command = new Command("serve", "Run the Webex emulator") { port, data, host };
        command.SetAction(async (parse, ct) =>
        {
            var settings = new Dictionary<string, string?>();
            if (parse.GetValue(port) is { } p) settings["Server:Port"] = p.ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (parse.GetValue(data) is { } d) settings["Storage:Path"] = d;
            if (parse.GetValue(host) is { } h) settings["Server:Host"] = h;
            await using var app = EmulatorHost.Build(settings);
            await app.StartAsync(ct);
            try
            {
                await app.Services.GetRequiredService<WebexStore>().Ready;
            }
            catch (Exception e) when (e is IOException or LiteDB.LiteException or UnauthorizedAccessException)
            {
                await Console.Error.WriteLineAsync($"mockwebex: cannot open the data file: {e.Message}");
                return 1;
            }
            Console.WriteLine($"MockWebex listening on {app.BaseUrl()}");
            await app.WaitForShutdownAsync(ct);
            return 0;
        });
        return command;
    }
}
