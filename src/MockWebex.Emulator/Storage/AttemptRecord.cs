namespace MockWebex.Storage;

/// <summary>One HTTP attempt: what was sent and what came back.</summary>
public sealed class AttemptRecord
{
    public int Number { get; set; }
    public string At { get; set; } = "";
    public string TargetUrl { get; set; } = "";
    public Dictionary<string, string> RequestHeaders { get; set; } = [];
    public int? ResponseStatus { get; set; }
    /// <summary>The first KiB of the receiver's answer.</summary>
    public string? ResponseBodyHead { get; set; }
    public double LatencyMs { get; set; }
    public string? Error { get; set; }
    public bool Succeeded => ResponseStatus is >= 200 and < 300;
}
