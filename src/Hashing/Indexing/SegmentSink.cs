namespace LiveWatch.Hashing.Indexing;

/// <summary>
/// Adapts kernel hits (positions in one <see cref="PackedHashSegment"/>) to an id-level accumulator: skips removed
/// positions and resolves ids. Tombstones are only read for hits, which are rare, so the scan itself stays a pure
/// stream over the packed hashes.
/// </summary>
internal struct SegmentSink<TAccumulator>(PackedHashSegment segment, TAccumulator accumulator) : IMatchSink
    where TAccumulator : struct, IMatchAccumulator
{
    private readonly PackedHashSegment _segment = segment;

    /// <summary>The wrapped accumulator; copied back by the caller after the scan.</summary>
    public TAccumulator Accumulator = accumulator;

    /// <inheritdoc />
    public void OnMatch(int position, int distance, int needleIndex)
    {
        if (_segment.IsLive(position))
        {
            Accumulator.Accept(_segment.GetId(position), distance, needleIndex);
        }
    }
}
