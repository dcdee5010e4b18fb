using System.Diagnostics.CodeAnalysis;

namespace MockWebex.Webhooks;

/// <summary>Why a webhook body was refused, and with which status (400 unless a rule says otherwise, e.g. 403 for a permission).</summary>
public sealed record WebhookProblem(string Message, int Status = StatusCodes.Status400BadRequest)
{
    /// <summary>A plain message is a bad request: most rules are.</summary>
    [return: NotNullIfNotNull(nameof(message))]
    public static implicit operator WebhookProblem?(string? message) => message is null ? null : new WebhookProblem(message);
}
