namespace LiveWatch.Hashing.Video;

/// <summary>
/// Thresholds for vPDQ video matching. The defaults are the ecosystem's (python-threatexchange / HMA): distance 31,
/// quality 50, query 80 %, compared 0 %. Each property rejects out-of-range values when it is set.
/// </summary>
public sealed record VpdqMatchOptions
{
    /// <summary>The ecosystem defaults.</summary>
    public static VpdqMatchOptions Default { get; } = new();

    /// <summary>
    /// Two frame hashes match when their Hamming distance is at most this (inclusive), 0..256. Default 31.
    /// </summary>
    public int DistanceThreshold
    {
        get;
        init => field = RequireInRange(value, 0, Hash256.ByteLength * 8, nameof(DistanceThreshold), "a Hamming distance");
    } = 31;

    /// <summary>Frames whose PDQ quality is below this take no part in matching, 0..100. Default 50.</summary>
    public int QualityThreshold
    {
        get;
        init => field = RequireInRange(value, 0, 100, nameof(QualityThreshold), "a PDQ quality");
    } = 50;

    /// <summary>
    /// The video matches only if at least this percentage of the query's hashes match some compared hash, 0..100.
    /// Default 80.
    /// </summary>
    public double QueryMatchPercentThreshold
    {
        get;
        init => field = RequirePercent(value, nameof(QueryMatchPercentThreshold));
    } = 80;

    /// <summary>
    /// The video matches only if at least this percentage of the compared video's hashes match some query hash,
    /// 0..100. Default 0 (a short clip of a long known video still matches).
    /// </summary>
    public double CompareMatchPercentThreshold
    {
        get;
        init => field = RequirePercent(value, nameof(CompareMatchPercentThreshold));
    }

    /// <summary>
    /// Whether repeated identical hashes count once (the first one kept), as python-threatexchange does. Default
    /// true. A static scene repeats one hash many times; without this it would dominate the percentages. The C++
    /// <c>match-hashes-brute</c> does not deduplicate; set false (and <see cref="DistanceThreshold"/> 30, since it
    /// compares with a strict <c>&lt; 31</c>) to reproduce its numbers.
    /// </summary>
    public bool DeduplicateHashes { get; init; } = true;

    private static int RequireInRange(int value, int min, int max, string name, string what)
    {
        if (value < min || value > max)
        {
            throw new ArgumentOutOfRangeException(name, value, $"{name} is {what} and must be {min}..{max}, got {value}.");
        }

        return value;
    }

    private static double RequirePercent(double value, string name)
    {
        // NaN fails both comparisons, so test for the valid range rather than the invalid one.
        if (!(value >= 0 && value <= 100))
        {
            throw new ArgumentOutOfRangeException(name, value, $"{name} is a percentage and must be 0..100, got {value}.");
        }

        return value;
    }
}
