namespace LiveWatch.Dashboard.Queue;

/// <summary>
/// What the hub sends a browser for one feed event: its sequence (to resume after a reconnect), its kind, and the
/// incident's row as it is now (null for stream events).
/// </summary>
public sealed record QueueEvent(string TenantId, long Sequence, string Kind, string? StreamId, QueueRow? Row);
