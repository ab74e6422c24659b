using LiveWatch.Contracts.Ingest;
using LiveWatch.Grains.Matching;
using LiveWatch.Hashing;
using LiveWatch.Hashing.Indexing;
using LiveWatch.Hashing.Pdq;

namespace LiveWatch.Grains.Monitoring;

/// <summary>
/// Turns one stream's frames into analysed frames: PDQ hash (with the 8 dihedral needles when enabled), quality gate,
/// near-duplicate shortcut, and matching against the silo's bank replica. One instance per stream (it remembers the
/// previous frame); not thread-safe, which fits a grain's single-threaded turns.
/// </summary>
public sealed class FrameAnalyzer
{
    private readonly HashBankReplica _replica;
    private readonly string _tenantId;
    private readonly List<HashMatch> _scratch = [];
    private FrameAnalyzerOptions _options;
    private Hash256? _previousHash;
    private FrameAnalysis _previous;

    public FrameAnalyzer(HashBankReplica replica, string tenantId, FrameAnalyzerOptions options)
    {
        _replica = replica;
        _tenantId = tenantId;
        _options = options;
    }

    /// <summary>Swaps the options (e.g. a tenant's override changed).</summary>
    public FrameAnalyzerOptions Options
    {
        get => _options;
        set => _options = value ?? throw new ArgumentNullException(nameof(value));
    }

    /// <summary>Hashes and matches a frame's pixels.</summary>
    /// <exception cref="ArgumentException">The picture's buffer does not hold width x height pixels.</exception>
    public FrameAnalysis Analyze(SampledFrame frame)
    {
        ArgumentNullException.ThrowIfNull(frame);
        var picture = frame.Picture;
        if (_options.MatchDihedral)
        {
            var all = PdqHasher.ComputeDihedral(picture.Pixels, picture.Width, picture.Height, picture.Format);
            return Decide(frame.Sequence, all.Original.Hash, all.Quality, all.AsSpan());
        }

        var single = PdqHasher.Compute(picture.Pixels, picture.Width, picture.Height, picture.Format);
        return Decide(frame.Sequence, single.Hash, single.Quality, [single.Hash]);
    }

    /// <summary>Matches a hash the platform computed (hash-only mode: a single needle, no rotations).</summary>
    public FrameAnalysis Analyze(PushedHash pushed)
    {
        ArgumentNullException.ThrowIfNull(pushed);
        return Decide(pushed.Sequence, pushed.Hash, pushed.Quality, [pushed.Hash]);
    }

    private FrameAnalysis Decide(long sequence, Hash256 hash, int quality, ReadOnlySpan<Hash256> needles)
    {
        if (quality < _options.MinimumQuality)
        {
            return new FrameAnalysis(sequence, hash, quality, FrameOutcome.LowQuality, FrameMatch.None);
        }

        if (_options.NearDuplicateBits > 0 && _previousHash is { } previous && previous.DistanceTo(hash) <= _options.NearDuplicateBits)
        {
            return _previous with { Sequence = sequence, Hash = hash, Quality = quality, Outcome = FrameOutcome.NearDuplicate };
        }

        var match = _replica.Match(needles, _tenantId, _scratch);
        var outcome = match.Suppressed ? FrameOutcome.Suppressed : match.IsMatch ? FrameOutcome.Matched : FrameOutcome.NoMatch;
        _previousHash = hash;
        _previous = new FrameAnalysis(sequence, hash, quality, outcome, match);
        return _previous;
    }
}
