using System.Diagnostics.CodeAnalysis;

namespace MockWebex.Common;

/// <summary>Why a request was refused, with the status Webex answers (400 unless a rule says otherwise).</summary>
public sealed record WebexProblem(string Message, int Status = StatusCodes.Status400BadRequest)
{
    public static readonly WebexProblem NotFound = new(WebexErrors.NotFoundMessage, StatusCodes.Status404NotFound);

    public static WebexProblem Forbidden(string message) => new(message, StatusCodes.Status403Forbidden);

    public static WebexProblem Conflict(string message) => new(message, StatusCodes.Status409Conflict);

    /// <summary>A plain message is a bad request: most rules are.</summary>
    [return: NotNullIfNotNull(nameof(message))]
    public static implicit operator WebexProblem?(string? message) => message is null ? null : new WebexProblem(message);

    /// <summary>The Webex error body with this status.</summary>
    public IResult ToResult(HttpContext http) => WebexErrors.Status(http, Status, Message);
}
