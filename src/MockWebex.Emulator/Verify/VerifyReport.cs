namespace MockWebex.Verify;

/// <summary>Every check run against a receiver; <see cref="Passed"/> only when all passed.</summary>
public sealed record VerifyReport(string TargetUrl, IReadOnlyList<VerifyCheck> Checks)
{
    public bool Passed => Checks.All(c => c.Passed);
}
