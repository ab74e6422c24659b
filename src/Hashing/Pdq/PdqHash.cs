namespace LiveWatch.Hashing.Pdq;

/// <summary>A PDQ hash with its quality (0..100; below 50 the hash is unreliable for matching).</summary>
/// <param name="Hash">The 256-bit hash.</param>
/// <param name="Quality">Gradient-based quality of the downsampled picture, 0..100.</param>
public readonly record struct PdqHash(Hash256 Hash, int Quality)
{
    /// <summary>The quality below which the ecosystem treats a hash as unreliable for matching.</summary>
    public const int MinimumMatchQuality = 50;

    /// <summary>Whether this hash is good enough to match on (<see cref="Quality"/> &gt;= 50).</summary>
    public bool IsMatchable => Quality >= MinimumMatchQuality;

    /// <inheritdoc />
    public override string ToString() => $"{Hash},{Quality}";
}
