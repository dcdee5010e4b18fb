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

    [GeneratedRegex(@"members: '(?<member>[^']+)' with the error: '(?<error>.*)'\.?$")]
    private static partial Regex ValidationFailure();

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
        catch (Exception e) when (!CommonOptions.IsVerbose && Setting(e) is { } setting)
        {
            await Console.Error.WriteLineAsync($"error: {setting}");
            return 2;
        }
        catch (Exception e) when (!CommonOptions.IsVerbose && e is not OperationCanceledException)
        {
            await Console.Error.WriteLineAsync($"error: {e.GetBaseException().Message} (--verbose shows the details)");
            return 1;
        }
    }

    /// <summary>
    /// A setting (environment variable or appsettings.json) the emulator refused, named as the user wrote it: the options
    /// validation says which member and why, the configuration binder which key did not convert. Null for other failures.
    /// </summary>
    private static string? Setting(Exception e)
    {
        for (var inner = e; inner is not null; inner = inner.InnerException)
        {
            if (inner is Microsoft.Extensions.Options.OptionsValidationException invalid)
            {
                var section = invalid.OptionsType.GetField("Section")?.GetValue(null) as string;
                var reasons = invalid.Failures.Select(failure => ValidationFailure().Match(failure) is { Success: true } m
                    ? $"{section}:{m.Groups["member"].Value} ({EnvironmentName(section, m.Groups["member"].Value)}): {m.Groups["error"].Value.TrimEnd('.')}"
                    : failure.TrimEnd('.'));
                return "invalid setting " + string.Join("; ", reasons);
            }
            // "Failed to convert configuration value at 'Delivery:Timeout' to type 'System.TimeSpan'."
            if (inner is InvalidOperationException binding && binding.Message.StartsWith("Failed to convert configuration value", StringComparison.Ordinal))
                return $"{binding.Message.TrimEnd('.')}: {binding.GetBaseException().Message.TrimEnd('.')}";
        }
        return null;
    }

    private static string EnvironmentName(string? section, string member) => $"MOCKWEBEX__{section}__{member}";

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
