namespace LiveWatch.Grains.Matching;

/// <summary>
/// The outcome of matching one frame's hash (or its 8 dihedral variants) against the banks a tenant sees.
/// </summary>
/// <param name="BankId">Bank of the best match (0 when none).</param>
/// <param name="EntryId">Entry of the best match (0 when none).</param>
/// <param name="Distance">Hamming distance of the best match (-1 when none).</param>
/// <param name="Variant">Which needle matched: the dihedral variant index (0 = as is).</param>
/// <param name="DistanceThreshold">The matched bank's threshold, which tells strong from weak matches downstream.</param>
/// <param name="MatchCount">How many entries of normal banks matched within their thresholds.</param>
/// <param name="Suppressed">A negative (allow) bank matched: the frame is treated as not matching at all.</param>
public readonly record struct FrameMatch(
    long BankId,
    long EntryId,
    int Distance,
    int Variant,
    int DistanceThreshold,
    int MatchCount,
    bool Suppressed)
{
    /// <summary>No entry within any applicable bank's threshold.</summary>
    public static FrameMatch None { get; } = new(0, 0, -1, 0, 0, 0, false);

    /// <summary>Whether the frame matched a normal bank and was not suppressed.</summary>
    public bool IsMatch => Distance >= 0 && !Suppressed;
}
