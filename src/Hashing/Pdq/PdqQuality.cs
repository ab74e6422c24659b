namespace LiveWatch.Hashing.Pdq;

/// <summary>
/// The reference's quality metric on the 64x64 buffer: the sum of truncated, scaled absolute differences between
/// vertical and horizontal neighbours, divided by 90 and capped at 100. Flat or nearly flat pictures score low.
/// </summary>
internal static class PdqQuality
{
    public static int Compute(ReadOnlySpan<float> buffer64)
    {
        var gradientSum = 0;
        for (var i = 0; i < 63; i++)
        {
            var row = buffer64.Slice(i * 64, 64);
            var next = buffer64.Slice((i + 1) * 64, 64);
            for (var j = 0; j < 64; j++)
            {
                gradientSum += Math.Abs((int)((row[j] - next[j]) * 100 / 255));
            }
        }

        for (var i = 0; i < 64; i++)
        {
            var row = buffer64.Slice(i * 64, 64);
            for (var j = 0; j < 63; j++)
            {
                gradientSum += Math.Abs((int)((row[j] - row[j + 1]) * 100 / 255));
            }
        }

        return Math.Min(gradientSum / 90, 100);
    }
}
