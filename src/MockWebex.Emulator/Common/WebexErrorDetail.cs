namespace MockWebex.Common;

public sealed record WebexErrorDetail(string Description);
