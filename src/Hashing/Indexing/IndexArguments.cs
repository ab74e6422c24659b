namespace LiveWatch.Hashing.Indexing;

/// <summary>Argument checks shared by the index implementations, so both throw the same exceptions and messages.</summary>
internal static class IndexArguments
{
    /// <summary>Largest accepted query distance. PDQ's usual match threshold is 31; beyond 63 bits two hashes are unrelated.</summary>
    public const int MaxQueryDistance = 63;

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> unless 0 &lt;= <paramref name="maxDistance"/> &lt;= 63.</summary>
    public static void ThrowIfDistanceOutOfRange(int maxDistance)
    {
        if ((uint)maxDistance > MaxQueryDistance)
        {
            throw new ArgumentOutOfRangeException(
                nameof(maxDistance),
                maxDistance,
                $"maxDistance must be between 0 and {MaxQueryDistance} bits inclusive (PDQ's usual match threshold is 31).");
        }
    }

    /// <summary>Throws <see cref="ArgumentException"/> when there is no needle.</summary>
    public static void ThrowIfNoNeedles(ReadOnlySpan<Hash256> needles)
    {
        if (needles.IsEmpty)
        {
            throw new ArgumentException("At least one needle is required.", nameof(needles));
        }
    }

    /// <summary>Throws <see cref="ArgumentException"/> when the hashes and ids of a bulk load do not pair up.</summary>
    public static void ThrowIfLengthsDiffer(ReadOnlySpan<Hash256> hashes, ReadOnlySpan<long> ids)
    {
        if (hashes.Length != ids.Length)
        {
            throw new ArgumentException(
                $"hashes and ids must have the same length (got {hashes.Length} hashes and {ids.Length} ids).", nameof(ids));
        }
    }
}
