namespace LiveWatch.Hashing.Indexing;

/// <summary>
/// Receives live hits by id, after the segment that found them has resolved position to id and skipped removed
/// entries. One accumulator instance spans all segments of a query (base, frozen delta, active delta).
/// </summary>
internal interface IMatchAccumulator
{
    /// <summary>A live stored pair with id <paramref name="id"/> is <paramref name="distance"/> bits from needle <paramref name="needleIndex"/>.</summary>
    void Accept(long id, int distance, int needleIndex);
}
