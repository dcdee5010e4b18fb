namespace MockWebex.Delivery;

public sealed record MatchResult(bool Matches, IReadOnlyList<MatchCheck> Checks)
{
    public string? FailedReason => Checks.FirstOrDefault(c => !c.Passed)?.Detail;
}
