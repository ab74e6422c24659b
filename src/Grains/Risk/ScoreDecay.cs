using System.Runtime.CompilerServices;

namespace LiveWatch.Grains.Risk;

/// <summary>
/// Exponential decay of a risk score, on timestamps only: score(t) = score(t0) * 2^(-(t - t0) / halfLife). Times are
/// whole ticks (100 ns) so that the same timestamps always give the same doubles; nothing here reads a clock.
/// </summary>
internal static class ScoreDecay
{
    private const double Ln2 = 0.6931471805599453;

    /// <summary>The score <paramref name="elapsedTicks"/> after it was <paramref name="score"/>; no decay for elapsed &lt;= 0.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Decay(double score, long elapsedTicks, long halfLifeTicks) =>
        elapsedTicks <= 0 || score == 0 ? score : score * PowerOfTwo(-(double)elapsedTicks / halfLifeTicks);

    /// <summary>
    /// 2^exponent for exponent &lt;= 0, as 2^whole * e^(fraction * ln 2): about four times faster than
    /// <see cref="Math.Pow(double, double)"/> (it runs on every matching frame), and exact at whole half-lives,
    /// where the fraction is 0.
    /// </summary>
    internal static double PowerOfTwo(double exponent)
    {
        var whole = Math.Floor(exponent);
        // Below 2^-1100 every double underflows to 0 anyway; clamping keeps the cast to int in range.
        return whole < -1100 ? 0 : Math.ScaleB(Math.Exp((exponent - whole) * Ln2), (int)whole);
    }

    /// <summary>
    /// How many ticks after being <paramref name="score"/> the score first is at or below <paramref name="threshold"/>
    /// (positive): the exact crossing time rounded up to a whole tick, 0 if it already is, <see cref="long.MaxValue"/>
    /// if that lies beyond any representable time.
    /// </summary>
    public static long TicksUntilAtOrBelow(double score, double threshold, long halfLifeTicks)
    {
        if (score <= threshold)
        {
            return 0;
        }

        var ticks = Math.Ceiling(halfLifeTicks * Math.Log2(score / threshold));
        // (double)long.MaxValue rounds up to 2^63, so this comparison also keeps the cast below in range.
        return ticks >= long.MaxValue ? long.MaxValue : (long)ticks;
    }
}
