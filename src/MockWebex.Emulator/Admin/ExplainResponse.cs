using MockWebex.Auth;
using MockWebex.Delivery;
using MockWebex.Events;
using MockWebex.Fixtures;
using MockWebex.Webhooks;

namespace MockWebex.Admin;

public sealed record ExplainResponse(bool WouldDeliver, string Summary, IReadOnlyList<MatchCheck> Checks, int RecentFailures, object Event);
