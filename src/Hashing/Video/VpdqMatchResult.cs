namespace LiveWatch.Hashing.Video;

/// <summary>
/// The outcome of matching a query video's hashes against a compared (target) video's hashes.
/// </summary>
/// <param name="QueryMatchPercent">Share (0..100) of the query's considered hashes within the distance threshold of some compared hash.</param>
/// <param name="CompareMatchPercent">Share (0..100) of the compared video's considered hashes within the distance threshold of some query hash.</param>
/// <param name="IsMatch">Both percentages reach their thresholds, and both sides had at least one hash to compare.</param>
/// <param name="QueryHashCount">Query hashes considered: after the quality filter and deduplication.</param>
/// <param name="CompareHashCount">Compared hashes considered: after the quality filter and deduplication.</param>
/// <param name="QueryMatchedCount">Considered query hashes that matched.</param>
/// <param name="CompareMatchedCount">Considered compared hashes that matched.</param>
public sealed record VpdqMatchResult(
    double QueryMatchPercent,
    double CompareMatchPercent,
    bool IsMatch,
    int QueryHashCount,
    int CompareHashCount,
    int QueryMatchedCount,
    int CompareMatchedCount);
