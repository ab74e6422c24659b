using System.Net;
using System.Net.Http.Headers;

namespace LiveWatch.Sdk.Client;

/// <summary>Which answers are worth another try, and how long to wait before it.</summary>
internal sealed class RetryPolicy(LiveWatchClientOptions options, TimeProvider time)
{
    /// <summary>
    /// Server trouble (5xx), rate limiting (429) and request timeouts (408) may pass; any other 4xx says the request
    /// itself is wrong and would be refused again.
    /// </summary>
    public static bool IsTransient(HttpStatusCode status) =>
        (int)status >= 500 || status is HttpStatusCode.TooManyRequests or HttpStatusCode.RequestTimeout;

    /// <summary>
    /// Capped exponential backoff with "equal jitter" (half fixed, half random), so that many clients failing together
    /// do not retry together; a server's <c>Retry-After</c> is a minimum (capped by <see cref="LiveWatchClientOptions.MaxRetryAfter"/>).
    /// </summary>
    public TimeSpan Delay(int attempt, RetryConditionHeaderValue? retryAfter)
    {
        var exponential = options.InitialBackoff.TotalMilliseconds * Math.Pow(2, Math.Min(attempt, 30));
        var capped = Math.Min(exponential, options.MaxBackoff.TotalMilliseconds);
#pragma warning disable CA5394 // Jitter only spreads retries; it protects nothing.
        var backoff = TimeSpan.FromMilliseconds((capped / 2) + (Random.Shared.NextDouble() * capped / 2));
#pragma warning restore CA5394
        var asked = RetryAfter(retryAfter);
        if (asked is null)
        {
            return backoff;
        }

        var honoured = asked.Value < options.MaxRetryAfter ? asked.Value : options.MaxRetryAfter;
        return honoured > backoff ? honoured : backoff;
    }

    private TimeSpan? RetryAfter(RetryConditionHeaderValue? retryAfter) => retryAfter switch
    {
        { Delta: { } delta } => delta,
        { Date: { } date } => date - time.GetUtcNow() is var wait && wait > TimeSpan.Zero ? wait : TimeSpan.Zero,
        _ => null,
    };
}
