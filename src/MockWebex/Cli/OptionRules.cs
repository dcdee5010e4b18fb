using System.CommandLine;
using System.Globalization;

namespace MockWebex.Cli;

/// <summary>
/// Checks made while the command line is parsed, so a value out of range is one `error:` line and exit code 2, like a
/// value of the wrong type (a port of 70000 was "Specified argument was out of the range", exit 1; a queue limit of -5
/// and a timeout of 0 were taken).
/// </summary>
public static class OptionRules
{
    public static Option<T> Between<T>(this Option<T> option, T min, T max) where T : struct, IComparable<T>
    {
        AddRange(option, min, max);
        return option;
    }

    public static Option<T?> Between<T>(this Option<T?> option, T min, T max) where T : struct, IComparable<T>
    {
        AddRange(option, min, max);
        return option;
    }

    private static void AddRange<T>(Option option, T min, T max) where T : struct, IComparable<T> =>
        option.Validators.Add(result =>
        {
            if (Parsed<T>(result) is { } value && (value.CompareTo(min) < 0 || value.CompareTo(max) > 0))
                result.AddError(string.Create(CultureInfo.InvariantCulture, $"{option.Name} must be between {min} and {max}, not {value}"));
        });

    /// <summary>The option's value, or null when it is absent or is not a <typeparamref name="T"/> (the parser reports that itself).</summary>
    private static T? Parsed<T>(System.CommandLine.Parsing.OptionResult result) where T : struct
    {
        try
        {
            return result.GetValueOrDefault<T?>();
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    /// <summary>0 (a free port) to 65535.</summary>
    public static Option<int> Port(this Option<int> option) => option.Between(0, 65535);

    /// <summary>An absolute http or https URL.</summary>
    public static Option<string?> HttpUrl(this Option<string?> option)
    {
        option.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<string?>() is { } value && !IsHttpUrl(value))
                result.AddError($"{option.Name} must be an http or https URL, not '{value}'");
        });
        return option;
    }

    public static bool IsHttpUrl(string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https";
}
