using LiteDB;

namespace MockWebex.Storage;

/// <summary>A webhook as stored. Timestamps are Webex-formatted ISO strings (LiteDB truncates DateTime and changes its kind).</summary>
public sealed class WebhookRecord
{
    /// <summary>The Webex id. Not the document key: webhooks are looked up in memory (WebhookService), never by this.</summary>
    public string Id { get; set; } = "";
    /// <summary>
    /// Insertion order; the list API pages on it. It is the document key because it only grows: each insert appends to
    /// the end of LiteDB's _id skip list, where a random Webex id landed on a random page (≈7× the cost of an insert, measured).
    /// </summary>
    [BsonId] public long Seq { get; set; }
    public string Name { get; set; } = "";
    public string TargetUrl { get; set; } = "";
    public string Resource { get; set; } = "";
    public string Event { get; set; } = "";
    public string? Filter { get; set; }
    public string? Secret { get; set; }
    public string OrgId { get; set; } = "";
    public string CreatedBy { get; set; } = "";
    public string AppId { get; set; } = "";
    public string OwnedBy { get; set; } = "creator";
    public string Status { get; set; } = "active";
    public string Created { get; set; } = "";
    /// <summary>When the failure policy last disabled it; drives the re-enable probation.</summary>
    public DateTimeOffset? DisabledAt { get; set; }
    /// <summary>Until then a single failed delivery disables it again (Webex's probation after re-enabling).</summary>
    public DateTimeOffset? ProbationUntil { get; set; }

    /// <summary>Failed attempts inside the current window, kept so a restart does not forget how close it is to inactive. Replaced, never changed in place.</summary>
    public List<DateTimeOffset>? FailureTimes { get; set; }

    public WebhookRecord Copy() => (WebhookRecord)MemberwiseClone();

    public bool IsActive => Status == "active";
    public bool IsOrgWide => OwnedBy == "org";
}
