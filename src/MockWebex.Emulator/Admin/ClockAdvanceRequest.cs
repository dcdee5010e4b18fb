namespace MockWebex.Admin;

/// <summary>POST /_emulator/clock/advance: by a duration ("00:05:00") or to a time (ISO 8601, not in the past).</summary>
public sealed record ClockAdvanceRequest(TimeSpan? By, DateTimeOffset? To);
