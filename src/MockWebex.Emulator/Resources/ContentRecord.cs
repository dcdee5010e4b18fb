namespace MockWebex.Resources;

/// <summary>A file sent with a message, served at GET /v1/contents/{id} to whoever may read the message.</summary>
public sealed record ContentRecord(string Id, string FileName, string ContentType, long Length, string RoomId, string MessageId);
