using LiveWatch.Hashing;

namespace LiveWatch.Grains.Risk;

/// <summary>
/// One sampled frame as the risk policy sees it: its best (nearest) hash-list match, if any. The match is given as
/// the Hamming distance together with the threshold of the bank it came from, so a nearest neighbour beyond its
/// bank's threshold is simply no match; the policy decides what is strong or weak.
/// </summary>
public readonly record struct RiskObservation
{
    /// <summary>The usual PDQ match threshold (HMA, python-threatexchange), used when a bank names none.</summary>
    public const int DefaultBankThreshold = 31;

    /// <summary>The largest possible Hamming distance between two PDQ hashes.</summary>
    public const int MaxDistance = Hash256.ByteLength * 8;

    private RiskObservation(bool hasCandidate, int distance, int bankThreshold, bool isNegativeBank)
    {
        HasCandidate = hasCandidate;
        Distance = distance;
        BankThreshold = bankThreshold;
        IsNegativeBank = isNegativeBank;
    }

    /// <summary>A frame with no hash-list entry anywhere near it.</summary>
    public static RiskObservation NoMatch => default;

    /// <summary>Whether a nearest hash-list entry was reported at all; false for <see cref="NoMatch"/>.</summary>
    public bool HasCandidate { get; }

    /// <summary>Hamming distance from the frame's hash to the nearest entry, 0..256 (0 when there is none).</summary>
    public int Distance { get; }

    /// <summary>The threshold of the bank holding that entry: the entry matches when the distance is at most this.</summary>
    public int BankThreshold { get; }

    /// <summary>
    /// Whether that bank is a negative (allow-list) bank. A match in one suppresses the whole frame, because the
    /// matcher found benign material closer to the frame than anything listed.
    /// </summary>
    public bool IsNegativeBank { get; }

    /// <summary>Whether the nearest entry is within its bank's threshold.</summary>
    public bool IsWithinBankThreshold => HasCandidate && Distance <= BankThreshold;

    /// <summary>The frame's nearest entry in a bank of known material.</summary>
    /// <param name="distance">Hamming distance, 0..256.</param>
    /// <param name="bankThreshold">The bank's match threshold, 0..256; default 31.</param>
    public static RiskObservation Nearest(int distance, int bankThreshold = DefaultBankThreshold) =>
        new(true, RequireDistance(distance, nameof(distance)), RequireDistance(bankThreshold, nameof(bankThreshold)), false);

    /// <summary>The frame's nearest entry is in a negative (allow-list) bank.</summary>
    /// <param name="distance">Hamming distance, 0..256.</param>
    /// <param name="bankThreshold">The bank's match threshold, 0..256; default 31.</param>
    public static RiskObservation NearestInNegativeBank(int distance, int bankThreshold = DefaultBankThreshold) =>
        new(true, RequireDistance(distance, nameof(distance)), RequireDistance(bankThreshold, nameof(bankThreshold)), true);

    /// <inheritdoc />
    public override string ToString() =>
        !HasCandidate ? "no match"
        : string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"{(IsNegativeBank ? "negative-bank " : "")}distance {Distance} (bank threshold {BankThreshold})");

    private static int RequireDistance(int value, string name)
    {
        if (value is < 0 or > MaxDistance)
        {
            throw new ArgumentOutOfRangeException(name, value, $"{name} is a PDQ Hamming distance and must be 0..{MaxDistance}, got {value}.");
        }

        return value;
    }
}
