using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace LiveWatch.Hashing.Pdq;

/// <summary>
/// The reference's quality metric on the 64x64 buffer: the sum of truncated, scaled absolute differences between
/// vertical and horizontal neighbours, divided by 90 and capped at 100. Flat or nearly flat pictures score low.
/// </summary>
/// <remarks>
/// Sixteen (AVX-512) or eight neighbour pairs at a time: the same float operations per pair as the scalar definition
/// (<c>(a - b) * 100 / 255</c>, truncated to int, absolute value), so the sum is identical. The scalar loop's
/// <c>Math.Abs</c> branches on the sign of each difference; on real pictures that sign is random and the mispredictions
/// made this 60 us per frame, four times the DCT (benchmarks that hash one picture over and over never saw it).
/// </remarks>
internal static class PdqQuality
{
    private const int Side = 64;

    public static int Compute(ReadOnlySpan<float> buffer64) => Math.Min(GradientSum(buffer64) / 90, 100);

    /// <summary>The sum <see cref="Compute"/> scales and caps (exposed so tests compare it uncapped).</summary>
    internal static int GradientSum(ReadOnlySpan<float> buffer64)
    {
        if (buffer64.Length < Side * Side)
        {
            throw new ArgumentException($"The buffer holds {buffer64.Length} values; 64x64 needed.", nameof(buffer64));
        }

        ref var data = ref MemoryMarshal.GetReference(buffer64);
        if (Vector512.IsHardwareAccelerated)
        {
            return GradientSum512(ref data);
        }

        var sums = Vector256<int>.Zero;

        // Vertical neighbours: row i against row i + 1, all 64 columns.
        for (var i = 0; i < Side - 1; i++)
        {
            var row = (nuint)(i * Side);
            for (nuint j = 0; j < Side; j += 8)
            {
                sums += Term(Vector256.LoadUnsafe(ref data, row + j), Vector256.LoadUnsafe(ref data, row + Side + j));
            }
        }

        // Horizontal neighbours: columns j and j + 1 for j = 0..62: 56 pairs in vectors, the last 7 one by one.
        var gradientSum = 0;
        for (var i = 0; i < Side; i++)
        {
            var row = (nuint)(i * Side);
            for (nuint j = 0; j < 56; j += 8)
            {
                sums += Term(Vector256.LoadUnsafe(ref data, row + j), Vector256.LoadUnsafe(ref data, row + j + 1));
            }

            for (nuint j = 56; j < Side - 1; j++)
            {
                gradientSum += Term(Unsafe.Add(ref data, row + j), Unsafe.Add(ref data, row + j + 1));
            }
        }

        return gradientSum + Vector256.Sum(sums);
    }

    // Sixteen pairs at a time (a row is four vectors). Horizontal pairs (j, j + 1) for j = 0..62: three vectors from
    // j = 0, 16, 32, and one from j = 47 whose first lane (pair 47, already counted) is masked off.
    private static int GradientSum512(ref float data)
    {
        var sums = Vector512<int>.Zero;
        for (var i = 0; i < Side - 1; i++)
        {
            var row = (nuint)(i * Side);
            for (nuint j = 0; j < Side; j += 16)
            {
                sums += Term(Vector512.LoadUnsafe(ref data, row + j), Vector512.LoadUnsafe(ref data, row + Side + j));
            }
        }

        var lastPairs = Vector512.Create(0, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1);
        for (var i = 0; i < Side; i++)
        {
            var row = (nuint)(i * Side);
            for (nuint j = 0; j < 48; j += 16)
            {
                sums += Term(Vector512.LoadUnsafe(ref data, row + j), Vector512.LoadUnsafe(ref data, row + j + 1));
            }

            sums += Term(Vector512.LoadUnsafe(ref data, row + 47), Vector512.LoadUnsafe(ref data, row + 48)) & lastPairs;
        }

        return Vector512.Sum(sums);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<int> Term(Vector512<float> a, Vector512<float> b) =>
        Vector512.Abs(Vector512.ConvertToInt32((a - b) * Vector512.Create(100f) / Vector512.Create(255f)));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<int> Term(Vector256<float> a, Vector256<float> b) =>
        Vector256.Abs(Vector256.ConvertToInt32((a - b) * Vector256.Create(100f) / Vector256.Create(255f)));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Term(float a, float b)
    {
        var value = (int)((a - b) * 100 / 255);
        var sign = value >> 31;
        return (value ^ sign) - sign;
    }
}
