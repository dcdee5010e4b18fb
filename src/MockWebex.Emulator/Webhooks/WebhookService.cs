using System.Collections.Concurrent;
using MockWebex.Auth;
using MockWebex.Common;
using MockWebex.Delivery;
using MockWebex.Storage;

namespace MockWebex.Webhooks;

/// <summary>
/// Webhook lifecycle and who may see what: creators see their own; admins also see their org's
/// org-wide webhooks. Every webhook is also held in memory and LiteDB is written through: reads
/// (each API GET, each published event, each delivery) never touch LiteDB, whose FindById costs more
/// than the HTTP request around it (profiled, see README). Cached records are never changed in place;
/// a write replaces them with a changed copy.
/// </summary>
public sealed class WebhookService
{
    private readonly WebexStore _store;
    private readonly WebhookRepository _repository;
    private readonly FailureTracker _failures;
    private readonly TimeProvider _clock;
    // Serialises read-modify-write of a webhook between API updates and the delivery worker disabling it.
    private readonly Lock _gate = new();
    // Loaded on first use, not at start-up, so the LiteDB file can finish opening in the background.
    private Lazy<ConcurrentDictionary<string, WebhookRecord>> _cache;
    private volatile WebhookRecord[]? _ordered;
    // Changes to the cache and rebuilding the ordered copy take turns, so a rebuild never stores a list
    // that misses a webhook added while it was sorting (that left new webhooks out of deliveries). Nothing takes
    // LiteDB's lock while holding this one (the copy is loaded before, see InCurrentCopy): a command holds LiteDB's lock
    // while it waits for this one in All().
    private readonly Lock _snapshot = new();
    private readonly GroupCommit<WebhookRecord> _inserts;

    public WebhookService(WebexStore store, WebhookRepository repository, FailureTracker failures, TimeProvider clock)
    {
        _store = store;
        _repository = repository;
        _failures = failures;
        _clock = clock;
        _inserts = new GroupCommit<WebhookRecord>(batch => repository.Insert(batch));
        _cache = LoadLazily();
        store.Cleared += Reload;
    }

    private ConcurrentDictionary<string, WebhookRecord> ById => _cache.Value;

    public static bool CanSee(Identity caller, WebhookRecord webhook) =>
        webhook.CreatedBy == caller.PersonId || (webhook.IsOrgWide && caller.IsAdmin && webhook.OrgId == caller.OrgId);

    /// <summary>Any webhook by id, whoever owns it (for the emulator itself, not for API callers).</summary>
    public WebhookRecord? Find(string id) => ById.GetValueOrDefault(id);

    public WebhookRecord? Get(Identity caller, string id) =>
        Find(id) is { } webhook && CanSee(caller, webhook) ? webhook : null;

    /// <summary>Every webhook in creation order.</summary>
    public IReadOnlyList<WebhookRecord> All()
    {
        if (_ordered is { } ordered) return ordered;
        return InCurrentCopy(byId => _ordered ??= byId.Values.OrderBy(w => w.Seq).ToArray());
    }

    public IEnumerable<WebhookRecord> Active() => All().Where(w => w.IsActive);

    /// <summary>Stores a new webhook; concurrent creates share one LiteDB transaction (a commit per request capped POST throughput).</summary>
    public async Task<WebhookRecord> CreateAsync(Identity caller, WebhookInput input)
    {
        var resets = _store.Resets;
        var webhook = new WebhookRecord
        {
            Id = WebexIds.New("WEBHOOK"),
            Seq = _store.NextWebhookSeq(),
            Name = input.Name,
            TargetUrl = input.TargetUrl,
            Resource = input.Resource!,
            Event = input.Event!,
            Filter = input.Filter,
            Secret = string.IsNullOrEmpty(input.Secret) ? null : input.Secret,
            OrgId = caller.OrgId,
            CreatedBy = caller.PersonId,
            AppId = caller.AppId,
            OwnedBy = input.OwnedBy,
            Status = "active",
            Created = WebexTime.Now(_clock),
        };
        await _inserts.WriteAsync(webhook);
        RememberIfStored(webhook, resets);
        return webhook;
    }

    /// <summary>Updates name, targetUrl, secret and (re)activation only; a missing secret keeps the old one, an empty one clears it.</summary>
    public WebhookRecord? Update(string id, WebhookInput input) => Change(id, webhook =>
    {
        webhook.Name = input.Name;
        webhook.TargetUrl = input.TargetUrl;
        if (input.SecretGiven) webhook.Secret = string.IsNullOrEmpty(input.Secret) ? null : input.Secret;
        if (input.Status == "active") Activate(webhook);
        return true;
    });

    /// <summary>The dashboard's reactivate button: the same rule as PUT status=active.</summary>
    public WebhookRecord? Reactivate(string id) => Change(id, webhook =>
    {
        Activate(webhook);
        return true;
    });

    /// <summary>Marks a webhook inactive after too many failed deliveries.</summary>
    public void Disable(string id, DateTimeOffset now) => Change(id, webhook =>
    {
        if (!webhook.IsActive) return false;
        webhook.Status = "inactive";
        webhook.DisabledAt = now;
        webhook.ProbationUntil = null;
        return true;
    });

    /// <summary>Re-enables an inactive webhook, with probation when it was disabled less than one window ago.</summary>
    private void Activate(WebhookRecord webhook)
    {
        if (webhook.IsActive) return;
        webhook.Status = "active";
        webhook.ProbationUntil = _failures.ProbationAfterReactivation(webhook.DisabledAt, _clock.GetUtcNow());
        webhook.FailureTimes = null;
        _failures.Reset(webhook.Id);
    }

    public void Delete(WebhookRecord webhook)
    {
        lock (_gate)
        {
            _repository.Delete(webhook);
            InCurrentCopy(byId =>
            {
                _ordered = null;
                return byId.TryRemove(webhook.Id, out _);
            });
        }
        _failures.Reset(webhook.Id);
    }

    /// <summary>One page of the caller's webhooks after the cursor (a Seq), in creation order.</summary>
    public (List<WebhookRecord> Page, bool More) List(Identity caller, bool orgOnly, bool creatorOnly, long afterSeq, int max)
    {
        var visible = All().Where(w => w.Seq > afterSeq && CanSee(caller, w) && (!orgOnly || w.IsOrgWide) && (!creatorOnly || !w.IsOrgWide));
        return (Paging.Take(visible, max, out var more), more);
    }

    /// <summary>
    /// Reloads the in-memory copy from LiteDB: when the store is reset (<see cref="WebexStore.Cleared"/>), or after
    /// webhooks were written past this service (the benchmark's bulk fill).
    /// </summary>
    public void Reload()
    {
        lock (_snapshot)
        {
            _cache = LoadLazily();
            _ordered = null;
        }
    }

    // PublicationOnly: a thread that finds the copy missing loads it itself instead of waiting on whoever started first.
    // That one may be waiting for LiteDB's lock while this thread holds it inside a command (every read takes it too).
    private Lazy<ConcurrentDictionary<string, WebhookRecord>> LoadLazily() => new(() =>
    {
        var all = _repository.All();
        foreach (var webhook in all.Where(w => w.FailureTimes is { Count: > 0 })) _failures.Restore(webhook.Id, webhook.FailureTimes!);
        return new ConcurrentDictionary<string, WebhookRecord>(all.Select(w => KeyValuePair.Create(w.Id, w)), StringComparer.Ordinal);
    }, LazyThreadSafetyMode.PublicationOnly);

    /// <summary>Persists a webhook's current failure window (the delivery worker calls it after each failed attempt).</summary>
    public void SaveFailures(string id, List<DateTimeOffset> window) => Change(id, webhook =>
    {
        webhook.FailureTimes = window.Count == 0 ? null : window;
        return true;
    });

    /// <summary>Applies a change to a copy, writes it through and swaps it in; null when the webhook is gone.</summary>
    private WebhookRecord? Change(string id, Func<WebhookRecord, bool> change)
    {
        lock (_gate)
        {
            var resets = _store.Resets;
            if (Find(id) is not { } current) return null;
            var webhook = current.Copy();
            if (!change(webhook)) return current;
            if (!_repository.Update(webhook)) return null; // a reset deleted it after it was found
            RememberIfStored(webhook, resets);
            return webhook;
        }
    }

    /// <summary>
    /// Puts a webhook just written into the in-memory copy if the file still holds it. <paramref name="resets"/> is the
    /// store's <see cref="WebexStore.Resets"/> before the write: while no reset has come since, it does; after one, the
    /// file is asked, as the reset may have come before the write or after it. A delivery's failure count written just
    /// before a reset had put the deleted webhook back into the fresh copy, where GET /v1/webhooks/{id} found it.
    /// </summary>
    private void RememberIfStored(WebhookRecord webhook, long resets)
    {
        while (!TryRemember(webhook, resets))
        {
            resets = _store.Resets;
            if (!_repository.Exists(webhook)) return;
        }
    }

    /// <summary>Puts a webhook into the in-memory copy; false, leaving it out, if the store was reset since <paramref name="resets"/>.</summary>
    private bool TryRemember(WebhookRecord webhook, long resets) => InCurrentCopy(byId =>
    {
        if (_store.Resets != resets) return false;
        byId[webhook.Id] = webhook;
        _ordered = null;
        return true;
    });

    /// <summary>
    /// Runs <paramref name="action"/> on the in-memory copy under <see cref="_snapshot"/>. The copy is loaded from the file
    /// first, outside that lock (a load takes LiteDB's lock); if Reload replaced it meanwhile, the action runs on the new one.
    /// </summary>
    private T InCurrentCopy<T>(Func<ConcurrentDictionary<string, WebhookRecord>, T> action)
    {
        while (true)
        {
            var cache = _cache;
            var byId = cache.Value;
            lock (_snapshot)
                if (ReferenceEquals(_cache, cache)) return action(byId);
        }
    }
}
