namespace MockWebex.Delivery;

/// <summary>One check of <see cref="WebhookMatcher.Explain"/>: what was compared and whether it passed.</summary>
public sealed record MatchCheck(string Check, bool Passed, string Detail);
