namespace MockWebex.Verify;

/// <summary>What a receiver answered a verify delivery: a status, or why there was none.</summary>
internal sealed record ReceiverAnswer(int? Status, string? Error)
{
    public bool Ok => Status is >= 200 and < 300;

    /// <summary>Answered, and not 2xx (no answer at all is not a refusal: Webex counts it as a failure).</summary>
    public bool Refused => Status is not null and not (>= 200 and < 300);

    public override string ToString() => Status is { } status ? $"answered {status}" : $"no answer ({Error})";
}
