namespace LiveWatch.Hashing.Video;

/// <summary>
/// Brute-force vPDQ video matching, as python-threatexchange's <c>match_VPDQ_hash_brute</c> (the matcher HMA uses):
/// on both sides drop frames below the quality threshold and repeated hashes; the query percentage is the share of
/// query hashes within the distance threshold (inclusive) of some compared hash, the compare percentage the other
/// way round; the videos match when both percentages reach their thresholds.
/// </summary>
/// <remarks>
/// Quality filtering runs before deduplication, so a hash seen first at low quality and later at good quality
/// still takes part (python-threatexchange's <c>prepare_vpdq_feature</c> order). Brute force is
/// O(query x compared) distance computations, which is fine for the few hundred hashes of a video.
/// </remarks>
public sealed class VpdqMatcher
{
    /// <summary>Creates a matcher with the given thresholds (the ecosystem defaults if null).</summary>
    public VpdqMatcher(VpdqMatchOptions? options = null)
    {
        Options = options ?? VpdqMatchOptions.Default;
    }

    /// <summary>A matcher with the ecosystem defaults.</summary>
    public static VpdqMatcher Default { get; } = new();

    /// <summary>The thresholds in use.</summary>
    public VpdqMatchOptions Options { get; }

    /// <summary>Filters and deduplicates a video's frames for matching with this matcher.</summary>
    public VpdqComparableHashes Prepare(IEnumerable<VpdqFrame> frames)
    {
        ArgumentNullException.ThrowIfNull(frames);
        var qualityThreshold = Options.QualityThreshold;
        var deduplicate = Options.DeduplicateHashes;
        var kept = new List<Hash256>();
        var seen = deduplicate ? new HashSet<Hash256>() : null;
        var frameCount = 0;
        foreach (var frame in frames)
        {
            frameCount++;
            if (frame.Quality < qualityThreshold)
            {
                continue;
            }

            if (seen is not null && !seen.Add(frame.Hash))
            {
                continue;
            }

            kept.Add(frame.Hash);
        }

        return new VpdqComparableHashes([.. kept], frameCount, qualityThreshold, deduplicate);
    }

    /// <summary>Matches a query video's frames against a compared (target) video's frames.</summary>
    public VpdqMatchResult Match(IEnumerable<VpdqFrame> query, IEnumerable<VpdqFrame> target) =>
        Match(Prepare(query), Prepare(target));

    /// <summary>Matches prepared hashes; both must have been prepared with this matcher's quality and deduplication settings.</summary>
    /// <exception cref="ArgumentException">A side was prepared with different settings.</exception>
    public VpdqMatchResult Match(VpdqComparableHashes query, VpdqComparableHashes target)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(target);
        RequireCompatible(query, nameof(query));
        RequireCompatible(target, nameof(target));

        // With nothing to compare on one side there is no evidence either way. The C++ reference reports 0 % / 0 %
        // here (python-threatexchange would divide by zero); never call it a match, whatever the thresholds.
        if (query.Count == 0 || target.Count == 0)
        {
            return new VpdqMatchResult(0, 0, false, query.Count, target.Count, 0, 0);
        }

        var distance = Options.DistanceThreshold;
        var queryMatched = CountWithinDistance(query.Hashes, target.Hashes, distance);
        var compareMatched = CountWithinDistance(target.Hashes, query.Hashes, distance);
        var queryPercent = queryMatched * 100.0 / query.Count;
        var comparePercent = compareMatched * 100.0 / target.Count;
        var isMatch = queryPercent >= Options.QueryMatchPercentThreshold && comparePercent >= Options.CompareMatchPercentThreshold;
        return new VpdqMatchResult(queryPercent, comparePercent, isMatch, query.Count, target.Count, queryMatched, compareMatched);
    }

    /// <summary>How many of <paramref name="from"/> are within <paramref name="maxDistance"/> of at least one of <paramref name="to"/>.</summary>
    private static int CountWithinDistance(ReadOnlySpan<Hash256> from, ReadOnlySpan<Hash256> to, int maxDistance)
    {
        var count = 0;
        foreach (ref readonly var candidate in from)
        {
            foreach (ref readonly var other in to)
            {
                if (candidate.DistanceTo(other) <= maxDistance)
                {
                    count++;
                    break;
                }
            }
        }

        return count;
    }

    private void RequireCompatible(VpdqComparableHashes hashes, string parameterName)
    {
        if (hashes.QualityThreshold != Options.QualityThreshold || hashes.IsDeduplicated != Options.DeduplicateHashes)
        {
            throw new ArgumentException(
                $"These hashes were prepared with quality threshold {hashes.QualityThreshold} and deduplication " +
                $"{(hashes.IsDeduplicated ? "on" : "off")}, but this matcher uses {Options.QualityThreshold} and " +
                $"{(Options.DeduplicateHashes ? "on" : "off")}; prepare them with this matcher.",
                parameterName);
        }
    }
}
