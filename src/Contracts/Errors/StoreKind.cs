namespace LiveWatch.Contracts.Errors;

/// <summary>The stores a silo depends on, as named to callers and operators.</summary>
public enum StoreKind
{
    /// <summary>The cluster's Redis: membership, grain state, reminders.</summary>
    ClusterState,

    /// <summary>The moderation store (SQLite on one node, PostgreSQL in a cluster): incidents, banks, audit, outbox.</summary>
    ModerationStore,
}
