namespace LiveWatch.Hashing.Indexing;

/// <summary>Picks the index implementation for an expected list size.</summary>
public static class HashIndex
{
    /// <summary>
    /// Expected count from which <see cref="MultiIndexHashIndex"/> is returned: below it a flat scan answers a
    /// distance-31 query faster than probing and needs less memory (measured crossover, docs/performance.md).
    /// </summary>
    public const int MultiIndexCrossover = 32_768;

    /// <summary>
    /// A <see cref="FlatHashIndex"/> for fewer than <see cref="MultiIndexCrossover"/> expected pairs, otherwise a
    /// <see cref="MultiIndexHashIndex"/> with default options.
    /// </summary>
    public static IHashIndex Create(int expectedCount)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(expectedCount);
        return expectedCount < MultiIndexCrossover
            ? new FlatHashIndex(expectedCount)
            : new MultiIndexHashIndex();
    }
}
