namespace MockWebex.Faults;

/// <summary>DELETE /_emulator/faults[/{id}]: how many rules went.</summary>
public sealed record FaultsRemoved(int Removed);
