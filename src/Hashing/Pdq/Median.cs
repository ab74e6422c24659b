namespace LiveWatch.Hashing.Pdq;

/// <summary>The lower median of the DCT coefficients: the (n+1)/2-th smallest value, as the reference's Torben median.</summary>
internal static class Median
{
    public static float Lower(ReadOnlySpan<float> values)
    {
        Span<float> work = stackalloc float[values.Length];
        values.CopyTo(work);
        return Select(work, (values.Length - 1) / 2);
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
