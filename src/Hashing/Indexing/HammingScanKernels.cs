using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace LiveWatch.Hashing.Indexing;

/// <summary>
/// Exact linear Hamming scans over packed hashes: a span of ulongs holding 4 lanes per hash (hash <c>i</c> is
/// lanes <c>4i..4i+3</c>, lane 0 first, i.e. the memory layout of <see cref="Hash256"/>). Every position within the
/// distance limit is reported to a struct sink.
/// </summary>
/// <remarks>
/// .NET 10 exposes no AVX-512 VPOPCNTDQ intrinsic (no <c>Avx512Vpopcntdq</c> class, no <c>Vector512.PopCount</c>;
/// the API is approved as dotnet/runtime#96162 but not shipped), so the wide paths count bits with the classic
/// nibble lookup (<c>vpshufb</c>) and sum bytes per 64-bit lane with <c>vpsadbw</c>. The four lane sums of each hash
/// are then packed as 16-bit words of one vector and added with two in-register shuffles, so one compare gives the
/// hit mask of a whole block. Hits are rare, so the hit path may be slow; the miss path is what is optimised.
/// The loops are <see cref="MethodImplOptions.NoInlining"/> roots: inlined into a caller that had already spent its
/// inlining budget, they lost the inlining of their vector helpers and ran 4-15x slower (seen in benchmarks).
/// </remarks>
internal static class HammingScanKernels
{
    /// <summary>The implementations, for tests and benchmarks that pin one.</summary>
    internal enum Kind
    {
        /// <summary>Portable: xor and <see cref="BitOperations.PopCount(ulong)"/> per lane.</summary>
        Scalar,

        /// <summary>AVX2: one hash per 256-bit vector, four hashes per block.</summary>
        Avx2,

        /// <summary>AVX-512BW: two hashes per 512-bit vector, eight hashes per block.</summary>
        Avx512,
    }

    /// <summary>Most needles compared per pass over the data; more needles are processed in groups of this size.</summary>
    internal const int NeedlesPerPass = 8;

    /// <summary>The fastest implementation this machine supports (chosen once, at type initialisation).</summary>
    internal static Kind Best { get; } = IsSupported(Kind.Avx512) ? Kind.Avx512 : IsSupported(Kind.Avx2) ? Kind.Avx2 : Kind.Scalar;

    /// <summary>Whether <paramref name="kind"/> can run on this machine.</summary>
    internal static bool IsSupported(Kind kind) => kind switch
    {
        Kind.Avx512 => Avx512BW.IsSupported && Avx512F.IsSupported && Vector512.IsHardwareAccelerated,
        Kind.Avx2 => Avx2.IsSupported && Vector256.IsHardwareAccelerated,
        _ => true,
    };

    /// <summary>
    /// Reports every hash of <paramref name="lanes"/> within <paramref name="maxDistance"/> of any needle. With one
    /// needle each hit is reported once; with several, each hit is reported once per group of
    /// <see cref="NeedlesPerPass"/> needles, with the smallest distance (lowest needle index on ties) in that group.
    /// </summary>
    public static void Scan<TSink>(ReadOnlySpan<ulong> lanes, ReadOnlySpan<Hash256> needles, int maxDistance, ref TSink sink)
        where TSink : struct, IMatchSink =>
        Scan(Best, lanes, needles, maxDistance, ref sink);

    /// <summary>As <see cref="Scan{TSink}(ReadOnlySpan{ulong}, ReadOnlySpan{Hash256}, int, ref TSink)"/> with a pinned implementation.</summary>
    internal static void Scan<TSink>(Kind kind, ReadOnlySpan<ulong> lanes, ReadOnlySpan<Hash256> needles, int maxDistance, ref TSink sink)
        where TSink : struct, IMatchSink
    {
        if (!IsSupported(kind))
        {
            throw new PlatformNotSupportedException($"The {kind} Hamming kernel is not supported on this machine.");
        }

        if (needles.Length == 1)
        {
            switch (kind)
            {
                case Kind.Avx512: ScanOneAvx512(lanes, needles[0], maxDistance, ref sink); break;
                case Kind.Avx2: ScanOneAvx2(lanes, needles[0], maxDistance, ref sink); break;
                default: ScanOneScalar(lanes, 0, needles[0], maxDistance, ref sink); break;
            }

            return;
        }

        for (var first = 0; first < needles.Length; first += NeedlesPerPass)
        {
            var group = needles.Slice(first, Math.Min(NeedlesPerPass, needles.Length - first));
            switch (kind)
            {
                case Kind.Avx512: ScanManyAvx512(lanes, group, first, maxDistance, ref sink); break;
                case Kind.Avx2: ScanManyAvx2(lanes, group, first, maxDistance, ref sink); break;
                default: ScanManyScalar(lanes, 0, group, first, maxDistance, ref sink); break;
            }
        }
    }

    /// <summary>Hamming distance between packed hash <paramref name="position"/> and <paramref name="needle"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static int Distance(ref ulong packed, nuint position, in Hash256 needle)
    {
        ref var p = ref Unsafe.Add(ref packed, position * 4);
        ref var n = ref MemoryMarshal.GetReference(needle.Lanes);
        return BitOperations.PopCount(p ^ n) +
               BitOperations.PopCount(Unsafe.Add(ref p, 1) ^ Unsafe.Add(ref n, 1)) +
               BitOperations.PopCount(Unsafe.Add(ref p, 2) ^ Unsafe.Add(ref n, 2)) +
               BitOperations.PopCount(Unsafe.Add(ref p, 3) ^ Unsafe.Add(ref n, 3));
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ScanOneScalar<TSink>(ReadOnlySpan<ulong> lanes, int from, in Hash256 needle, int maxDistance, ref TSink sink)
        where TSink : struct, IMatchSink
    {
        var count = lanes.Length >> 2;
        ref var packed = ref MemoryMarshal.GetReference(lanes);
        ulong n0 = needle.GetLane(0), n1 = needle.GetLane(1), n2 = needle.GetLane(2), n3 = needle.GetLane(3);
        for (var i = from; i < count; i++)
        {
            ref var p = ref Unsafe.Add(ref packed, (nuint)i * 4);
            var distance = BitOperations.PopCount(p ^ n0) + BitOperations.PopCount(Unsafe.Add(ref p, 1) ^ n1) +
                           BitOperations.PopCount(Unsafe.Add(ref p, 2) ^ n2) + BitOperations.PopCount(Unsafe.Add(ref p, 3) ^ n3);
            if (distance <= maxDistance)
            {
                sink.OnMatch(i, distance, 0);
            }
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ScanManyScalar<TSink>(
        ReadOnlySpan<ulong> lanes, int from, ReadOnlySpan<Hash256> needles, int firstNeedle, int maxDistance, ref TSink sink)
        where TSink : struct, IMatchSink
    {
        var count = lanes.Length >> 2;
        ref var packed = ref MemoryMarshal.GetReference(lanes);
        for (var i = from; i < count; i++)
        {
            var best = int.MaxValue;
            var bestNeedle = 0;
            for (var k = 0; k < needles.Length; k++)
            {
                var distance = Distance(ref packed, (nuint)i, needles[k]);
                if (distance < best)
                {
                    best = distance;
                    bestNeedle = k;
                }
            }

            if (best <= maxDistance)
            {
                sink.OnMatch(i, best, firstNeedle + bestNeedle);
            }
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ScanOneAvx2<TSink>(ReadOnlySpan<ulong> lanes, in Hash256 needle, int maxDistance, ref TSink sink)
        where TSink : struct, IMatchSink
    {
        var count = lanes.Length >> 2;
        ref var packed = ref MemoryMarshal.GetReference(lanes);
        var needleVector = Vector256.Create(needle.Lanes);
        var limit = Vector256.Create((short)maxDistance);
        var lut = NibbleCounts256();
        var nibbles = Vector256.Create((byte)0x0F);
        var blockEnd = count & ~3;
        for (var i = 0; i < blockEnd; i += 4)
        {
            ref var p = ref Unsafe.Add(ref packed, (nuint)i * 4);
            var s0 = LaneCounts256(Vector256.LoadUnsafe(ref p) ^ needleVector, lut, nibbles);
            var s1 = LaneCounts256(Vector256.LoadUnsafe(ref p, 4) ^ needleVector, lut, nibbles);
            var s2 = LaneCounts256(Vector256.LoadUnsafe(ref p, 8) ^ needleVector, lut, nibbles);
            var s3 = LaneCounts256(Vector256.LoadUnsafe(ref p, 12) ^ needleVector, lut, nibbles);
            var words = SumFour256(s0, s1, s2, s3);

            // Word k (k < 4) is the distance of hash i + k.
            var hits = (uint)Vector256.LessThanOrEqual(words, limit).ExtractMostSignificantBits() & 0xFu;
            while (hits != 0)
            {
                var word = BitOperations.TrailingZeroCount(hits);
                hits &= hits - 1;
                sink.OnMatch(i + word, words.GetElement(word), 0);
            }
        }

        ScanOneScalar(lanes, blockEnd, needle, maxDistance, ref sink);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ScanManyAvx2<TSink>(
        ReadOnlySpan<ulong> lanes, ReadOnlySpan<Hash256> needles, int firstNeedle, int maxDistance, ref TSink sink)
        where TSink : struct, IMatchSink
    {
        var count = lanes.Length >> 2;
        ref var packed = ref MemoryMarshal.GetReference(lanes);

        // Needles 0..3 and 4..7; missing needles repeat needle 0 and are masked out.
        var n0 = Vector256.Create(needles[0].Lanes);
        var n1 = needles.Length > 1 ? Vector256.Create(needles[1].Lanes) : n0;
        var n2 = needles.Length > 2 ? Vector256.Create(needles[2].Lanes) : n0;
        var n3 = needles.Length > 3 ? Vector256.Create(needles[3].Lanes) : n0;
        var n4 = needles.Length > 4 ? Vector256.Create(needles[4].Lanes) : n0;
        var n5 = needles.Length > 5 ? Vector256.Create(needles[5].Lanes) : n0;
        var n6 = needles.Length > 6 ? Vector256.Create(needles[6].Lanes) : n0;
        var n7 = needles.Length > 7 ? Vector256.Create(needles[7].Lanes) : n0;
        var valid = (1u << needles.Length) - 1;
        var limit = Vector256.Create((short)maxDistance);
        var lut = NibbleCounts256();
        var nibbles = Vector256.Create((byte)0x0F);
        for (var i = 0; i < count; i++)
        {
            var h = Vector256.LoadUnsafe(ref packed, (nuint)i * 4);
            var low = SumFour256(
                LaneCounts256(h ^ n0, lut, nibbles), LaneCounts256(h ^ n1, lut, nibbles),
                LaneCounts256(h ^ n2, lut, nibbles), LaneCounts256(h ^ n3, lut, nibbles));
            var high = SumFour256(
                LaneCounts256(h ^ n4, lut, nibbles), LaneCounts256(h ^ n5, lut, nibbles),
                LaneCounts256(h ^ n6, lut, nibbles), LaneCounts256(h ^ n7, lut, nibbles));
            var hits = ((uint)Vector256.LessThanOrEqual(low, limit).ExtractMostSignificantBits() & 0xFu) |
                       (((uint)Vector256.LessThanOrEqual(high, limit).ExtractMostSignificantBits() & 0xFu) << 4);
            hits &= valid;
            if (hits != 0)
            {
                // Needle k is word k & 3 of low (k < 4) or high; the lowest set bit wins ties.
                var best = int.MaxValue;
                var bestNeedle = 0;
                while (hits != 0)
                {
                    var k = BitOperations.TrailingZeroCount(hits);
                    hits &= hits - 1;
                    int distance = (k < 4 ? low : high).GetElement(k & 3);
                    if (distance < best)
                    {
                        best = distance;
                        bestNeedle = k;
                    }
                }

                sink.OnMatch(i, best, firstNeedle + bestNeedle);
            }
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ScanOneAvx512<TSink>(ReadOnlySpan<ulong> lanes, in Hash256 needle, int maxDistance, ref TSink sink)
        where TSink : struct, IMatchSink
    {
        var count = lanes.Length >> 2;
        ref var packed = ref MemoryMarshal.GetReference(lanes);
        var half = Vector256.Create(needle.Lanes);
        var needlePair = Vector512.Create(half, half);
        var limit = Vector512.Create((short)maxDistance);
        var lut = NibbleCounts512();
        var nibbles = Vector512.Create((byte)0x0F);
        var blockEnd = count & ~7;
        for (var i = 0; i < blockEnd; i += 8)
        {
            ref var p = ref Unsafe.Add(ref packed, (nuint)i * 4);
            var s0 = LaneCounts512(Vector512.LoadUnsafe(ref p) ^ needlePair, lut, nibbles);
            var s1 = LaneCounts512(Vector512.LoadUnsafe(ref p, 8) ^ needlePair, lut, nibbles);
            var s2 = LaneCounts512(Vector512.LoadUnsafe(ref p, 16) ^ needlePair, lut, nibbles);
            var s3 = LaneCounts512(Vector512.LoadUnsafe(ref p, 24) ^ needlePair, lut, nibbles);
            var words = SumFour512(s0, s1, s2, s3);

            // Word w (w < 4) is hash i + 2w (low halves of s0..s3); word 16 + w is hash i + 2w + 1.
            var hits = (uint)Vector512.LessThanOrEqual(words, limit).ExtractMostSignificantBits() & 0x000F_000Fu;
            while (hits != 0)
            {
                var word = BitOperations.TrailingZeroCount(hits);
                hits &= hits - 1;
                sink.OnMatch(i + ((word & 3) << 1) + (word >> 4), words.GetElement(word), 0);
            }
        }

        ScanOneScalar(lanes, blockEnd, needle, maxDistance, ref sink);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ScanManyAvx512<TSink>(
        ReadOnlySpan<ulong> lanes, ReadOnlySpan<Hash256> needles, int firstNeedle, int maxDistance, ref TSink sink)
        where TSink : struct, IMatchSink
    {
        var count = lanes.Length >> 2;
        ref var packed = ref MemoryMarshal.GetReference(lanes);

        // Pair k holds needles 2k (low half) and 2k+1 (high half); missing needles repeat needle 0 and are masked out.
        var first = Vector256.Create(needles[0].Lanes);
        var pair0 = Vector512.Create(first, NeedleOr(needles, 1, first));
        var pair1 = Vector512.Create(NeedleOr(needles, 2, first), NeedleOr(needles, 3, first));
        var pair2 = Vector512.Create(NeedleOr(needles, 4, first), NeedleOr(needles, 5, first));
        var pair3 = Vector512.Create(NeedleOr(needles, 6, first), NeedleOr(needles, 7, first));

        // Needle k lands in word (k >> 1) + 16 * (k & 1).
        var valid = 0u;
        for (var k = 0; k < needles.Length; k++)
        {
            valid |= 1u << ((k >> 1) + ((k & 1) << 4));
        }

        var limit = Vector512.Create((short)maxDistance);
        var lut = NibbleCounts512();
        var nibbles = Vector512.Create((byte)0x0F);
        for (var i = 0; i < count; i++)
        {
            var h = Vector256.LoadUnsafe(ref packed, (nuint)i * 4);
            var hh = Vector512.Create(h, h);
            var words = SumFour512(
                LaneCounts512(hh ^ pair0, lut, nibbles), LaneCounts512(hh ^ pair1, lut, nibbles),
                LaneCounts512(hh ^ pair2, lut, nibbles), LaneCounts512(hh ^ pair3, lut, nibbles));
            var hits = (uint)Vector512.LessThanOrEqual(words, limit).ExtractMostSignificantBits() & valid;
            if (hits != 0)
            {
                var best = int.MaxValue;
                var bestNeedle = 0;
                while (hits != 0)
                {
                    var word = BitOperations.TrailingZeroCount(hits);
                    hits &= hits - 1;
                    int distance = words.GetElement(word);
                    var k = ((word & 3) << 1) + (word >> 4);
                    if (distance < best || (distance == best && k < bestNeedle))
                    {
                        best = distance;
                        bestNeedle = k;
                    }
                }

                sink.OnMatch(i, best, firstNeedle + bestNeedle);
            }
        }
    }

    private static Vector256<ulong> NeedleOr(ReadOnlySpan<Hash256> needles, int index, Vector256<ulong> fallback) =>
        index < needles.Length ? Vector256.Create(needles[index].Lanes) : fallback;

    // Bit counts of the four 64-bit lanes of x, each in the low 16 bits of its lane (values 0..64).
    private static Vector256<byte> NibbleCounts256() =>
        Vector256.Create((byte)0, 1, 1, 2, 1, 2, 2, 3, 1, 2, 2, 3, 2, 3, 3, 4, 0, 1, 1, 2, 1, 2, 2, 3, 1, 2, 2, 3, 2, 3, 3, 4);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<ulong> LaneCounts256(Vector256<ulong> x, Vector256<byte> nibbleCounts, Vector256<byte> lowNibbles)
    {
        var lo = x.AsByte() & lowNibbles;
        var hi = Avx2.ShiftRightLogical(x.AsUInt16(), 4).AsByte() & lowNibbles;
        var byteCounts = Avx2.Shuffle(nibbleCounts, lo) + Avx2.Shuffle(nibbleCounts, hi);
        return Avx2.SumAbsoluteDifferences(byteCounts, Vector256<byte>.Zero).AsUInt64();
    }

    // Given the lane counts of hashes a..d, returns a vector whose 16-bit words 0..3 are their distances.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<short> SumFour256(Vector256<ulong> a, Vector256<ulong> b, Vector256<ulong> c, Vector256<ulong> d)
    {
        // Lane j of t holds lane j's count of a, b, c, d as four words; totals stay <= 256, so 64-bit adds never carry
        // between words.
        var t = a | Avx2.ShiftLeftLogical(b, 16) | Avx2.ShiftLeftLogical(c, 32) | Avx2.ShiftLeftLogical(d, 48);
        t += Avx2.Shuffle(t.AsUInt32(), 0b01_00_11_10).AsUInt64(); // swap the lanes of each 128-bit half
        t += Avx2.Permute4x64(t, 0b01_00_11_10); // swap the 128-bit halves
        return t.AsInt16();
    }

    // The nibble table of LaneCounts512: bit counts of 0..15 in each 128-bit lane (vpshufb looks up within lanes).
    // Built once per scan and passed in: built inside the helper, the JIT re-materialised it per call with a chain of
    // vinsertf32x8 that serialised the loop.
    private static Vector512<byte> NibbleCounts512()
    {
        var quarter = Vector128.Create((byte)0, 1, 1, 2, 1, 2, 2, 3, 1, 2, 2, 3, 2, 3, 3, 4);
        var half = Vector256.Create(quarter, quarter);
        return Vector512.Create(half, half);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<ulong> LaneCounts512(Vector512<ulong> x, Vector512<byte> nibbleCounts, Vector512<byte> lowNibbles)
    {
        var lo = x.AsByte() & lowNibbles;
        var hi = Avx512BW.ShiftRightLogical(x.AsUInt16(), 4).AsByte() & lowNibbles;
        var byteCounts = Avx512BW.Shuffle(nibbleCounts, lo) + Avx512BW.Shuffle(nibbleCounts, hi);
        return Avx512BW.SumAbsoluteDifferences(byteCounts, Vector512<byte>.Zero).AsUInt64();
    }

    // As SumFour256 per 256-bit half: words 0..3 are the distances of the low halves of a..d, words 16..19 of the high halves.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<short> SumFour512(Vector512<ulong> a, Vector512<ulong> b, Vector512<ulong> c, Vector512<ulong> d)
    {
        var t = a | Avx512F.ShiftLeftLogical(b, 16) | Avx512F.ShiftLeftLogical(c, 32) | Avx512F.ShiftLeftLogical(d, 48);
        t += Avx512F.Shuffle(t.AsUInt32(), 0b01_00_11_10).AsUInt64();
        t += Avx512F.Permute4x64(t, 0b01_00_11_10);
        return t.AsInt16();
    }
}
