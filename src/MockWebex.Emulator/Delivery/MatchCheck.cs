using System.Text.Json;
using System.Text.Json.Nodes;
using MockWebex.Events;
using MockWebex.Storage;
using MockWebex.Webhooks;

namespace MockWebex.Delivery;

/// <summary>One check of <see cref="WebhookMatcher.Explain"/>: what was compared and whether it passed.</summary>
public sealed record MatchCheck(string Check, bool Passed, string Detail);
