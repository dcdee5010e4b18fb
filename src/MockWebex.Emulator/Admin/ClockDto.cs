namespace MockWebex.Admin;

/// <summary>GET /_emulator/clock: the emulator's time and whether it is the machine's ("real") or moves when told ("virtual").</summary>
public sealed record ClockDto(string Now, string Mode);
