using System.Text.Json;
using System.Text.Json.Nodes;
using MockWebex.Events;
using MockWebex.Storage;
using MockWebex.Webhooks;

namespace MockWebex.Delivery;

public sealed record MatchResult(bool Matches, IReadOnlyList<MatchCheck> Checks)
{
    public string? FailedReason => Checks.FirstOrDefault(c => !c.Passed)?.Detail;
}
