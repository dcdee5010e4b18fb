namespace MockWebex.Storage;

/// <summary>The data file cannot be opened (missing folder, no permission, locked, not a LiteDB file); the message says which file and why.</summary>
public sealed class StorageUnavailableException(string message, Exception inner) : Exception(message, inner);
