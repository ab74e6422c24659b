namespace LiveWatch.Hashing.Indexing;

/// <summary>
/// Receives the raw hits of a scan kernel by position in the scanned packed array. Implemented by structs so the
/// generic kernels are specialised and the callback inlined (no delegate, no allocation on the hot path).
/// </summary>
internal interface IMatchSink
{
    /// <summary>
    /// Called for every scanned position within the distance limit. For multi-needle scans it is called once per
    /// position, with the smallest distance over the needles and the lowest needle index reaching it.
    /// </summary>
    void OnMatch(int position, int distance, int needleIndex);
}
