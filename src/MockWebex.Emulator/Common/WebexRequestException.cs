namespace MockWebex.Common;

/// <summary>A request body that cannot be bound (too large, not JSON, a field of the wrong type); V1Pipeline answers it as a Webex error.</summary>
public sealed class WebexRequestException(WebexProblem problem) : BadHttpRequestException(problem.Message, problem.Status)
{
    public WebexRequestException(string badRequest) : this(new WebexProblem(badRequest))
    {
    }

    public WebexProblem Problem { get; } = problem;
}
