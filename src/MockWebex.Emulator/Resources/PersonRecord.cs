namespace MockWebex.Resources;

// Stored shapes of the Webex resources (LiteDB maps the Id property to _id by convention) a bot reads back after a webhook. Timestamps are Webex-formatted
// strings and every record has a Seq (insertion order) that lists page on, like webhooks.

/// <summary>A person the emulator made up (an event's actor, a mentioned or invited person); callers come from the identity directory.</summary>
public sealed class PersonRecord
{
    public string Id { get; set; } = "";
    /// <summary>The document's key in the data file: a digest of <see cref="Id"/> (see Storage.OrderKeys.Key), not stored as a field of its own.</summary>
    public string Key => Storage.OrderKeys.Key(Id);
    public string Email { get; set; } = "";
    /// <summary>The email lowercased: emails match case-insensitively, the store compares ordinally.</summary>
    public string EmailKey { get; set; } = "";
    public string DisplayName { get; set; } = "";
    public string OrgId { get; set; } = "";
    public string Type { get; set; } = "person";
    public string Created { get; set; } = "";
    /// <summary>Made up for a triggered event: pruned by retention (Storage:ResourceRetention), unlike what API calls made.</summary>
    public bool Triggered { get; set; }
    /// <summary>Order of creation on the resource counter, for retention.</summary>
    public long Seq { get; set; }
}
