namespace MockWebex.Common;

/// <summary>The body Webex puts on every non-2xx answer of its REST API.</summary>
public sealed record WebexError(string Message, IReadOnlyList<WebexErrorDetail> Errors, string TrackingId);
