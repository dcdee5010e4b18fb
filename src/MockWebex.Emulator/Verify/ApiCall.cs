namespace MockWebex.Verify;

/// <summary>One /v1 call seen by <see cref="ApiCallWatch"/>: when it arrived (since the watch began), what, and the status it was answered.</summary>
public sealed record ApiCall(TimeSpan At, string Method, string Path, int Status)
{
    public bool Ok => Status is >= 200 and < 300;

    public override string ToString() => $"{Method} {Path} → {Status} at {At.TotalMilliseconds:0} ms";
}
