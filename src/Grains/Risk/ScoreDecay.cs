namespace LiveWatch.Grains.Risk;

/// <summary>
/// Exponential decay of a risk score, on timestamps only: score(t) = score(t0) * 2^(-(t - t0) / halfLife). Times are
/// whole ticks (100 ns) so that the same timestamps always give the same doubles; nothing here reads a clock.
/// </summary>
internal static class ScoreDecay
{
    /// <summary>The score <paramref name="elapsedTicks"/> after it was <paramref name="score"/>; no decay for elapsed &lt;= 0.</summary>
    public static double Decay(double score, long elapsedTicks, long halfLifeTicks) =>
        elapsedTicks <= 0 || score == 0 ? score : score * Math.Pow(2.0, -(double)elapsedTicks / halfLifeTicks);

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
