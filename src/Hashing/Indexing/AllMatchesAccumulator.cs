namespace LiveWatch.Hashing.Indexing;

/// <summary>
/// Appends every hit to the caller's list, duplicates included; <see cref="MatchListNormalizer"/> then reduces the
/// appended range to one entry per id. Using the caller's list as the buffer keeps queries allocation-free once the
/// list has grown to its working size.
/// </summary>
internal struct AllMatchesAccumulator(List<HashMatch> results) : IMatchAccumulator
{
    private readonly List<HashMatch> _results = results;

    /// <inheritdoc />
    public readonly void Accept(long id, int distance, int needleIndex) => _results.Add(new HashMatch(id, distance, needleIndex));
}
