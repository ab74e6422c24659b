namespace LiveWatch.Hashing.Indexing;

/// <summary>Picks the index implementation for an expected list size.</summary>
public static class HashIndex
{
    /// <summary>
    /// Expected count from which <see cref="MultiIndexHashIndex"/> is returned. The measured crossover at distance 31
    /// is ~14,000 pairs (docs/performance.md); below 16,384 both answer in about 10 us and the flat index needs a
    /// third of the memory (40 instead of ~110 bytes per pair).
    /// </summary>
    public const int MultiIndexCrossover = 16_384;

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
