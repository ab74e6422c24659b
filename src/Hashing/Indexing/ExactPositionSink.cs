namespace LiveWatch.Hashing.Indexing;

/// <summary>
/// Finds the live position holding a given id among exact (distance 0) hits: how a segment answers "is this (hash, id)
/// pair stored, and where" without an id-to-position dictionary.
/// </summary>
internal struct ExactPositionSink(PackedHashSegment segment, long id) : IMatchSink
{
    private readonly PackedHashSegment _segment = segment;
    private readonly long _id = id;

    /// <summary>Position of the live pair, or -1.</summary>
    public int Position { get; private set; } = -1;

    /// <inheritdoc />
    public void OnMatch(int position, int distance, int needleIndex)
    {
        if (Position < 0 && distance == 0 && _segment.GetId(position) == _id && _segment.IsLive(position))
        {
            Position = position;
        }
    }
}
