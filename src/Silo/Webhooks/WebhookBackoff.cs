namespace LiveWatch.Silo.Webhooks;

/// <summary>When to try a failed webhook message again: exponential backoff with jitter, inside the retry window.</summary>
public static class WebhookBackoff
{
    /// <summary>
    /// The delay after failed attempt number <paramref name="attempt"/> (1 for the first): <c>initial × 2^(attempt-1)</c>
    /// capped at <c>max</c>, then a random point in its upper half ("equal jitter"), so that endpoints that failed
    /// together are not called again all at the same moment, and no delay is shorter than half the nominal one.
    /// </summary>
    public static TimeSpan Delay(int attempt, TimeSpan initial, TimeSpan max, Random random)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(attempt, 1);
        ArgumentNullException.ThrowIfNull(random);
        var nominal = initial.TotalMilliseconds * Math.Pow(2, Math.Min(attempt - 1, 30));
        var capped = Math.Min(nominal, max.TotalMilliseconds);
        return TimeSpan.FromMilliseconds((capped / 2) + (random.NextDouble() * capped / 2));
    }

    /// <summary>
    /// The next attempt after a failure at <paramref name="now"/>, or null when the retry window (from
    /// <paramref name="windowStart"/>) is over and the message is to be dead-lettered. The last attempt is made at the
    /// window's end, not skipped.
    /// </summary>
    public static DateTimeOffset? NextAttempt(DateTimeOffset now, DateTimeOffset windowStart, int attempt, WebhookOptions options, Random random)
    {
        ArgumentNullException.ThrowIfNull(options);
        var deadline = windowStart + options.RetryWindow;
        if (now >= deadline)
        {
            return null;
        }

        var next = now + Delay(attempt, options.InitialBackoff, options.MaxBackoff, random);
        return next < deadline ? next : deadline;
    }
}
