namespace MockWebex.Storage;

/// <summary>
/// What one retention round read to find what to delete: rooms, messages, memberships and people on the resource
/// counter, and deliveries old enough to be dropped if still pending. Each is read by one round only, so a round
/// after the first reads only what is new.
/// </summary>
public sealed record RetentionRound(int ResourcesRead, int DeliveriesRead);
