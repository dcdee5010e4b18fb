namespace MockWebex.Common;

/// <summary>What a domain command returns: its value, or the <see cref="WebexProblem"/> that stopped it.</summary>
public readonly record struct CommandResult<T>(T? Value, WebexProblem? Problem)
{
    public static implicit operator CommandResult<T>(T value) => new(value, null);

    public static implicit operator CommandResult<T>(WebexProblem problem) => new(default, problem);

    /// <summary>The Webex error for a problem, else <paramref name="ok"/> of the value.</summary>
    public IResult ToHttp(HttpContext http, Func<T, IResult> ok) => Problem is { } problem ? problem.ToResult(http) : ok(Value!);
}
