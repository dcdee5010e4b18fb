namespace MockWebex.Faults;

/// <summary>
/// POST /_emulator/faults: make matching /v1 requests misbehave as Webex does in production.
/// <paramref name="Path"/> matches the request path, * standing for one segment (/v1/messages/*), ** for any rest (/v1/**);
/// <paramref name="Status"/> 0 answers normally after the delay; <paramref name="RetryAfter"/> (seconds) adds Retry-After;
/// <paramref name="Count"/> limits how many requests it hits; <paramref name="Probability"/> hits that share of them (seeded by Events:Seed).
/// </summary>
public sealed record FaultRule(
    string? Id, string? Method, string Path, string? Token, int Status, int? RetryAfter, int DelayMs, int? Count, double? Probability)
{
    /// <summary>How many requests it has hit.</summary>
    public int Fired { get; init; }
}
