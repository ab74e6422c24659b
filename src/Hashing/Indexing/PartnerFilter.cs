using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace LiveWatch.Hashing.Indexing;

/// <summary>
/// The inner loop of <see cref="PairedChunkTables"/>: which of <see cref="BlockSize"/> consecutive 16-bit partner keys
/// differ from the needle's partner key in at most <c>allowance</c> bits. AVX-512 BW compares 32 keys per step, AVX2
/// 16; elsewhere one at a time. The population count of 16-bit lanes is two nibble lookups (<c>vpshufb</c>) and one
/// add of the byte halves: .NET exposes no AVX-512 BITALG.
/// </summary>
internal static class PartnerFilter
{
    /// <summary>Keys examined per call; partner arrays are padded so a block never reads past them.</summary>
    public const int BlockSize = 32;

    /// <summary>Keys examined by <see cref="MatchHalf"/>.</summary>
    public const int HalfBlockSize = 16;

    /// <summary>Bit counts of the 16 nibble values, repeated per 128-bit lane (the table <c>vpshufb</c> reads).</summary>
    internal static readonly Vector256<byte> NibbleCounts256 = Vector256.Create(
        Vector128.Create((byte)0, 1, 1, 2, 1, 2, 2, 3, 1, 2, 2, 3, 2, 3, 3, 4),
        Vector128.Create((byte)0, 1, 1, 2, 1, 2, 2, 3, 1, 2, 2, 3, 2, 3, 3, 4));

    /// <summary>As <see cref="NibbleCounts256"/> for 512-bit vectors.</summary>
    internal static readonly Vector512<byte> NibbleCounts512 = Vector512.Create(NibbleCounts256, NibbleCounts256);

    /// <summary>
    /// Bit <c>i</c> set when <c>popcount(partners[i] ^ key) &lt;= allowance</c>, for the <see cref="BlockSize"/> keys
    /// starting at <paramref name="partners"/> (the caller masks off keys past its range).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static uint Match(ref ushort partners, ushort key, int allowance)
    {
        if (Avx512BW.IsSupported)
        {
            return Match512(ref partners, Vector512.Create(key), Vector512.Create((ushort)allowance), NibbleCounts512);
        }

        if (Avx2.IsSupported)
        {
            var needle = Vector256.Create(key);
            var limit = Vector256.Create((ushort)allowance);
            return Match256(ref partners, needle, limit, NibbleCounts256) |
                   (Match256(ref Unsafe.Add(ref partners, HalfBlockSize), needle, limit, NibbleCounts256) << HalfBlockSize);
        }

        return MatchScalar(ref partners, key, allowance);
    }

    /// <summary>
    /// As <see cref="Match"/> for the first <see cref="HalfBlockSize"/> keys only (higher bits clear): a bucket that
    /// short is read with a 32-byte load, which touches one cache line less often than a 64-byte one.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static uint MatchHalf(ref ushort partners, ushort key, int allowance)
    {
        if (Avx2.IsSupported)
        {
            return Match256(ref partners, Vector256.Create(key), Vector256.Create((ushort)allowance), NibbleCounts256);
        }

        return MatchScalar(ref partners, key, allowance) & 0xFFFF;
    }

    /// <summary>
    /// <see cref="Match"/> on AVX-512 BW with the broadcast key, limit and lookup table passed in, so a caller's loop
    /// keeps them in registers.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static uint Match512(ref ushort partners, Vector512<ushort> key, Vector512<ushort> limit, Vector512<byte> nibbleCounts) =>
        (uint)Vector512.LessThanOrEqual(PopCount(Vector512.LoadUnsafe(ref partners) ^ key, nibbleCounts), limit).ExtractMostSignificantBits();

    /// <summary><see cref="MatchHalf"/> on AVX2 with its operands passed in.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static uint Match256(ref ushort partners, Vector256<ushort> key, Vector256<ushort> limit, Vector256<byte> nibbleCounts) =>
        Vector256.LessThanOrEqual(PopCount(Vector256.LoadUnsafe(ref partners) ^ key, nibbleCounts), limit).ExtractMostSignificantBits();

    /// <summary>The definition <see cref="Match"/> must agree with (also the path without AVX2; tested against it).</summary>
    internal static uint MatchScalar(ref ushort partners, ushort key, int allowance)
    {
        uint mask = 0;
        for (var i = 0; i < BlockSize; i++)
        {
            if (BitOperations.PopCount((uint)(Unsafe.Add(ref partners, i) ^ key)) <= allowance)
            {
                mask |= 1u << i;
            }
        }

        return mask;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<ushort> PopCount(Vector512<ushort> value, Vector512<byte> nibbleCounts)
    {
        var nibble = Vector512.Create((byte)0x0F);
        var low = value.AsByte() & nibble;
        var high = Vector512.ShiftRightLogical(value, 4).AsByte() & nibble;
        var bytes = (Avx512BW.Shuffle(nibbleCounts, low) + Avx512BW.Shuffle(nibbleCounts, high)).AsUInt16();
        return (bytes & Vector512.Create((ushort)0x00FF)) + Vector512.ShiftRightLogical(bytes, 8);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<ushort> PopCount(Vector256<ushort> value, Vector256<byte> nibbleCounts)
    {
        var nibble = Vector256.Create((byte)0x0F);
        var low = value.AsByte() & nibble;
        var high = Vector256.ShiftRightLogical(value, 4).AsByte() & nibble;
        var bytes = (Avx2.Shuffle(nibbleCounts, low) + Avx2.Shuffle(nibbleCounts, high)).AsUInt16();
        return (bytes & Vector256.Create((ushort)0x00FF)) + Vector256.ShiftRightLogical(bytes, 8);
    }
}
