namespace MockWebex.Storage;

/// <summary>
/// A write named a value too long for an index (LiteDB refuses keys of 1,023 bytes or more): an email, display name,
/// id or timestamp from the request. The command's transaction is rolled back; the caller answers 400, not 500.
/// </summary>
public sealed class ValueTooLongException(Exception inner)
    : Exception("A value in the request is too long: what the emulator finds things by (an email, a display name, an id, a timestamp) must be shorter than 1,023 bytes.", inner);
