namespace LiveWatch.Hashing.Video;

/// <summary>
/// The hashes of one video that take part in matching: frames below the quality threshold dropped, then repeated
/// hashes dropped (first kept) if the options say so. Made by <see cref="VpdqMatcher.Prepare"/>; preparing a known
/// video once saves redoing it for every query (for example every step of a <see cref="VpdqRollingWindow"/>).
/// </summary>
public sealed class VpdqComparableHashes
{
    private readonly Hash256[] _hashes;

    internal VpdqComparableHashes(Hash256[] hashes, int sourceFrameCount, int qualityThreshold, bool isDeduplicated)
    {
        _hashes = hashes;
        SourceFrameCount = sourceFrameCount;
        QualityThreshold = qualityThreshold;
        IsDeduplicated = isDeduplicated;
    }

    /// <summary>The hashes, in frame order.</summary>
    public ReadOnlySpan<Hash256> Hashes => _hashes;

    /// <summary>Number of hashes that take part in matching.</summary>
    public int Count => _hashes.Length;

    /// <summary>Number of frames before filtering.</summary>
    public int SourceFrameCount { get; }

    /// <summary>The quality threshold these hashes were filtered with.</summary>
    public int QualityThreshold { get; }

    /// <summary>Whether repeated hashes were dropped.</summary>
    public bool IsDeduplicated { get; }
}
