using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using MockWebex.Events;

namespace MockWebex.Faults;

/// <summary>The active fault rules (in memory: a test sets them up; a restart clears them), and which one a request hits.</summary>
public sealed class FaultRules(IOptions<EventsOptions> events)
{
    private readonly Lock _gate = new();
    private readonly List<FaultRule> _rules = [];
    private readonly Random _random = events.Value.Seed is { } seed ? new Random(seed) : new Random();
    private int _nextId;
    private int _count;

    public IReadOnlyList<FaultRule> All()
    {
        lock (_gate) return _rules.ToList();
    }

    /// <summary>Adds a rule; the reason it is not valid otherwise.</summary>
    public string? Add(FaultRule rule, out FaultRule added)
    {
        added = rule;
        if (!rule.Path.StartsWith("/v1/", StringComparison.Ordinal)) return "path must start with /v1/ (* stands for one segment, ** for any rest, e.g. /v1/messages/* or /v1/**).";
        if (rule.Status != 0 && rule.Status is < 400 or > 599) return "status must be 0 (delay only) or 400–599.";
        if (rule.DelayMs is < 0 or > 600_000) return "delayMs must be between 0 and 600000.";
        if (rule.Count is < 1) return "count must be at least 1.";
        if (rule.Probability is < 0 or > 1) return "probability must be between 0 and 1.";
        if (rule.RetryAfter is < 0) return "retryAfter must not be negative.";
        lock (_gate)
        {
            added = rule with { Id = $"fault-{++_nextId}", Method = rule.Method?.ToUpperInvariant(), Fired = 0 };
            _rules.Add(added);
            Volatile.Write(ref _count, _rules.Count);
        }
        return null;
    }

    public bool Remove(string id)
    {
        lock (_gate)
        {
            var removed = _rules.RemoveAll(r => r.Id == id) > 0;
            Volatile.Write(ref _count, _rules.Count);
            return removed;
        }
    }

    public void Clear()
    {
        lock (_gate)
        {
            _rules.Clear();
            Volatile.Write(ref _count, 0);
        }
    }

    /// <summary>The first rule this request hits (counted as fired); a rule whose count is used up goes.</summary>
    public FaultRule? Hit(string method, string path, string? token)
    {
        if (Volatile.Read(ref _count) == 0) return null; // every /v1 call asks: no lock while there are no rules
        lock (_gate)
        {
            for (var i = 0; i < _rules.Count; i++)
            {
                var rule = _rules[i];
                if (!Matches(rule, method, path, token)) continue;
                if (rule.Probability is { } p && _random.NextDouble() >= p) continue;
                var fired = rule with { Fired = rule.Fired + 1 };
                if (rule.Count is { } count && fired.Fired >= count)
                {
                    _rules.RemoveAt(i);
                    Volatile.Write(ref _count, _rules.Count);
                }
                else _rules[i] = fired;
                return fired;
            }
            return null;
        }
    }

    private static bool Matches(FaultRule rule, string method, string path, string? token) =>
        (rule.Method is null || rule.Method == method)
        && (rule.Token is null || rule.Token == token)
        && Regex.IsMatch(path, PathPattern(rule.Path));

    /// <summary>* stands for one path segment, ** for any rest (/v1/** is every /v1 call); a trailing slash is optional.</summary>
    private static string PathPattern(string path) =>
        "^" + string.Join(".*", path.TrimEnd('/').Split("**").Select(part => string.Join("[^/]+", part.Split('*').Select(Regex.Escape)))) + "/?$";
}
