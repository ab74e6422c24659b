namespace LiveWatch.Ingest.Supervision;

/// <summary>Capped exponential backoff with full jitter over the upper half, so restarts of many streams spread out.</summary>
internal static class Backoff
{
    public static TimeSpan Delay(int consecutiveFailures, TimeSpan initial, TimeSpan max, Random random)
    {
        var exponent = Math.Clamp(consecutiveFailures - 1, 0, 30);
        var capped = Math.Min(initial.TotalMilliseconds * Math.Pow(2, exponent), max.TotalMilliseconds);
        return TimeSpan.FromMilliseconds(capped * (0.5 + (0.5 * random.NextDouble())));
    }
}
