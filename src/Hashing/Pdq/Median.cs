namespace LiveWatch.Hashing.Pdq;

/// <summary>The lower median of the DCT coefficients: the (n+1)/2-th smallest value, as the reference's Torben median.</summary>
internal static class Median
{
    public static float Lower(ReadOnlySpan<float> values)
    {
        Span<float> sorted = stackalloc float[values.Length];
        values.CopyTo(sorted);
        sorted.Sort();
        return sorted[(values.Length - 1) / 2];
    }
}
