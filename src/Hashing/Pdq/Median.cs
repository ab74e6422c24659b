using System.Numerics;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace LiveWatch.Hashing.Pdq;

/// <summary>The lower median of the DCT coefficients: the (n+1)/2-th smallest value, as the reference's Torben median.</summary>
internal static class Median
{
    public static float Lower(ReadOnlySpan<float> values)
    {
        var k = (values.Length - 1) / 2;
        if (Vector512.IsHardwareAccelerated && values.Length % Vector512<float>.Count == 0)
        {
            return SelectByBits(values, k);
        }

        Span<float> work = stackalloc float[values.Length];
        values.CopyTo(work);
        return Select(work, k);
    }

    /// <summary>
    /// The k-th smallest value (0-based) without moving anything: its order-preserving 32-bit key is found one bit at
    /// a time, from the top, by counting the values below a trial key with vector compares. 32 rounds of 16 lanes,
    /// no data-dependent branch: quickselect's mispredicted comparisons cost about 6x more on PDQ's 256
    /// coefficients (4 selections per frame with dihedral matching). -0 and +0 may come back for each other; they
    /// compare equal, so thresholds against either are the same.
    /// </summary>
    internal static float SelectByBits(ReadOnlySpan<float> values, int k)
    {
        var vectors = MemoryMarshal.Cast<float, Vector512<float>>(values);
        Span<Vector512<uint>> keys = stackalloc Vector512<uint>[vectors.Length];
        for (var i = 0; i < vectors.Length; i++)
        {
            // Negative floats: all bits flipped; others: the sign bit set. Unsigned order is then float order.
            var bits = vectors[i].AsUInt32();
            var negative = Vector512.ShiftRightArithmetic(bits.AsInt32(), 31).AsUInt32();
            keys[i] = bits ^ (negative | Vector512.Create(0x8000_0000u));
        }

        var key = 0u;
        for (var bit = 31; bit >= 0; bit--)
        {
            var trial = Vector512.Create(key | (1u << bit));
            var below = 0;
            for (var i = 0; i < keys.Length; i++)
            {
                below += BitOperations.PopCount(Vector512.LessThan(keys[i], trial).ExtractMostSignificantBits());
            }

            if (below <= k)
            {
                key |= 1u << bit;
            }
        }

        var restored = (key & 0x8000_0000u) != 0 ? key ^ 0x8000_0000u : ~key;
        return BitConverter.UInt32BitsToSingle(restored);
    }

    /// <summary>
    /// The value of rank <paramref name="k"/> (0-based) of <paramref name="values"/>, which it reorders. Quickselect
    /// (median-of-three pivot, Hoare partition) looks at each value ~3 times instead of sorting all 256: the same value
    /// as sorting, several times cheaper, and the dihedral hash needs four of these per frame.
    /// </summary>
    internal static float Select(Span<float> values, int k)
    {
        var lo = 0;
        var hi = values.Length - 1;
        while (hi > lo)
        {
            var mid = lo + ((hi - lo) >> 1);
            if (values[mid] < values[lo])
            {
                (values[mid], values[lo]) = (values[lo], values[mid]);
            }

            if (values[hi] < values[lo])
            {
                (values[hi], values[lo]) = (values[lo], values[hi]);
            }

            if (values[hi] < values[mid])
            {
                (values[hi], values[mid]) = (values[mid], values[hi]);
            }

            var pivot = values[mid];
            var i = lo;
            var j = hi;
            while (i <= j)
            {
                while (values[i] < pivot)
                {
                    i++;
                }

                while (values[j] > pivot)
                {
                    j--;
                }

                if (i <= j)
                {
                    (values[i], values[j]) = (values[j], values[i]);
                    i++;
                    j--;
                }
            }

            // values[lo..j] <= pivot <= values[i..hi], and everything strictly between j and i equals the pivot.
            if (k <= j)
            {
                hi = j;
            }
            else if (k >= i)
            {
                lo = i;
            }
            else
            {
                return values[k];
            }
        }

        return values[k];
    }
}
