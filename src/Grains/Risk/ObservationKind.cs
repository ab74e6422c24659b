namespace LiveWatch.Grains.Risk;

/// <summary>What one sampled frame means for a stream's risk, once its best match is classified.</summary>
public enum ObservationKind
{
    /// <summary>No hash-list entry within its list's threshold (or no frame at all, for a tick).</summary>
    NoMatch = 0,

    /// <summary>
    /// The best match is in a negative (allow-list) bank: known benign material that resembles listed material.
    /// The frame counts for nothing, neither as a match nor as evidence against one.
    /// </summary>
    Suppressed = 1,

    /// <summary>A match farther than the strong-distance cutoff but within the bank's threshold.</summary>
    WeakMatch = 2,

    /// <summary>A match at or below the strong-distance cutoff (and within the bank's threshold).</summary>
    StrongMatch = 3,
}
