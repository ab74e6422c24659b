namespace LiveWatch.Hashing.Indexing;

/// <summary>
/// Keeps the best hit by (distance, id, needle index), the deterministic order of <see cref="IHashIndex.TryFindNearest(in Hash256, int, out HashMatch)"/>,
/// so the answer does not depend on scan order, segment layout or merges.
/// </summary>
internal struct NearestMatchAccumulator : IMatchAccumulator
{
    /// <summary>Whether any hit was seen.</summary>
    public bool Found { get; private set; }

    /// <summary>The best hit so far (meaningful only when <see cref="Found"/>).</summary>
    public HashMatch Best { get; private set; }

    /// <inheritdoc />
    public void Accept(long id, int distance, int needleIndex)
    {
        if (Found && !IsBetter(id, distance, needleIndex, Best))
        {
            return;
        }

        Found = true;
        Best = new HashMatch(id, distance, needleIndex);
    }

    private static bool IsBetter(long id, int distance, int needleIndex, in HashMatch best) =>
        distance != best.Distance ? distance < best.Distance :
        id != best.Id ? id < best.Id :
        needleIndex < best.NeedleIndex;
}
