using System.CommandLine;
using MockWebex.Cli;

var root = new RootCommand("MockWebex: an offline Webex webhooks emulator and local development tunnel")
{
    ServeCommand.Create(),
    TriggerCommand.Create(),
    ScenarioCommand.Create(),
    FixturesCommand.Create(),
    HealthCommand.Create(),
    FaultCommand.Create(),
    VerifyCommand.Create(),
    TunnelCommands.Relay(),
    TunnelCommands.Listen(),
    TunnelCommands.Forward(),
    TunnelCommands.Replay(),
    TunnelCommands.CaptureToFixtureCommand(),
};
root.Options.Add(CommonOptions.Verbose);
return await CliErrors.RunAsync(root, args);
