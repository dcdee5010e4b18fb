namespace MockWebex.Verify;

/// <summary>One graded behaviour of a receiver, with what was seen.</summary>
public sealed record VerifyCheck(string Name, bool Passed, string Evidence);
