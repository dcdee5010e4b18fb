using MockWebex.Delivery;

namespace MockWebex.Admin;

public sealed record ExplainResponse(bool WouldDeliver, string Summary, IReadOnlyList<MatchCheck> Checks, int RecentFailures, object Event);
