namespace LiveWatch.Grains.Matching;

/// <summary>
/// Packs (bank id, entry id) into the single 64-bit id a <c>HashIndex</c> stores, so a match names its bank without a
/// side table (a dictionary over 10 million entries would cost more memory than the index itself).
/// </summary>
internal static class IndexEntryId
{
    private const int EntryBits = 40;
    private const long EntryMask = (1L << EntryBits) - 1;

    /// <summary>Largest bank id that fits (2^23 - 1).</summary>
    public const long MaxBankId = (1L << (63 - EntryBits)) - 1;

    /// <summary>Largest entry id that fits (2^40 - 1).</summary>
    public const long MaxEntryId = EntryMask;

    public static long Pack(long bankId, long entryId)
    {
        if (bankId is < 0 or > MaxBankId)
        {
            throw new ArgumentOutOfRangeException(nameof(bankId), bankId, $"Bank ids must be 0..{MaxBankId}.");
        }

        if (entryId is < 0 or > MaxEntryId)
        {
            throw new ArgumentOutOfRangeException(nameof(entryId), entryId, $"Bank entry ids must be 0..{MaxEntryId}.");
        }

        return (bankId << EntryBits) | entryId;
    }

    public static long BankOf(long packed) => packed >> EntryBits;

    public static long EntryOf(long packed) => packed & EntryMask;
}
