using System.CommandLine;
using System.Text.RegularExpressions;

namespace MockWebex.Cli;

/// <summary>
/// A mistake on the command line, or a failure a verb did not expect, is one `error:` line on stderr
/// and a non-zero exit; `--verbose` shows the whole exception instead.
/// </summary>
public static partial class CliErrors
{
    [GeneratedRegex(@"^Cannot parse argument '(?<value>.*)' for option '(?<option>[^']+)' as expected type '(?<type>[^']+)'")]
    private static partial Regex TypeMismatch();

    public static async Task<int> RunAsync(RootCommand root, string[] args)
    {
        if (args.Length == 0) args = ["--help"];
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            var verb = parse.CommandResult.Command == root ? "" : " " + parse.CommandResult.Command.Name;
            var first = parse.Errors.FirstOrDefault(e => e.Message.StartsWith("Unrecognized", StringComparison.Ordinal)) ?? parse.Errors[0];
            await Console.Error.WriteLineAsync($"error: {Friendly(first.Message)} (see: mockwebex{verb} --help)");
            return 2;
        }
        CommonOptions.IsVerbose = parse.GetValue(CommonOptions.Verbose);
        try
        {
            return await parse.InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
        }
        catch (Exception e) when (!CommonOptions.IsVerbose && e is not OperationCanceledException)
        {
            await Console.Error.WriteLineAsync($"error: {e.GetBaseException().Message} (--verbose shows the details)");
            return 1;
        }
    }

    /// <summary>System.CommandLine names CLR types ("System.Nullable`1[System.Int32]"); users want to know what to type.</summary>
    public static string Friendly(string message)
    {
        var match = TypeMismatch().Match(message);
        if (!match.Success) return message.TrimEnd('.');
        var type = match.Groups["type"].Value;
        var expected = type.Contains("Int32") || type.Contains("Int64") ? "a whole number"
            : type.Contains("Double") || type.Contains("Decimal") ? "a number"
            : type.Contains("Boolean") ? "true or false"
            : type.Contains("TimeSpan") ? "a duration like 00:00:30"
            : "a value of type " + type;
        return $"{match.Groups["option"].Value} expects {expected}, not '{match.Groups["value"].Value}'";
    }
}
