using System.CommandLine;
using MockWebex.Fixtures;

namespace MockWebex.Cli;

/// <summary>`mockwebex fixtures`: every resource.event the emulator can generate, from the local fixtures folder.</summary>
public static class FixturesCommand
{
    public static Command Create()
    {
        var command = new Command("fixtures", "List every resource.event with a fixture");
        command.SetAction(_ =>
        {
            var catalog = FixtureCatalog.Default(null);
            foreach (var fixture in catalog.All) Console.WriteLine($"{fixture.Name,-36} {fixture.Description}");
            Console.WriteLine($"{catalog.All.Count} fixtures ({catalog.Location})");
            return 0;
        });
        return command;
    }
}
