namespace LiveWatch.Sdk.Client;

/// <summary>Where LiveWatch is, the platform's API key, and how hard <see cref="LiveWatchClient"/> tries.</summary>
public sealed class LiveWatchClientOptions
{
    /// <summary>The node's address, e.g. <c>https://livewatch.example/</c>; when null, the HttpClient's own base address.</summary>
    public Uri? BaseAddress { get; set; }

    /// <summary>The platform's API key (<c>lw_&lt;prefix&gt;_&lt;secret&gt;</c>), sent as a bearer token on every call.</summary>
    public string ApiKey { get; set; } = string.Empty;

    /// <summary>How many times a transient failure is retried (0 = never), 0..20; default 4.</summary>
    public int MaxRetries { get; set; } = 4;

    /// <summary>The first retry's delay; each further retry doubles it (with jitter), up to <see cref="MaxBackoff"/>.</summary>
    public TimeSpan InitialBackoff { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>The longest computed delay between two attempts.</summary>
    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The longest <c>Retry-After</c> honoured; a server asking for longer is waited for this long.</summary>
    public TimeSpan MaxRetryAfter { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>How long one attempt may take (for the feed: until the answer's headers arrive); an attempt that times out is retried.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Throws when an option is out of range, saying which and why.</summary>
    /// <exception cref="ArgumentException">An option is out of range.</exception>
    public void Validate()
    {
        if (FindProblem() is { } problem)
        {
            throw new ArgumentException(problem.Message, problem.Option);
        }
    }

    /// <summary>The first option out of range and what is wrong with it, or null.</summary>
    internal (string Option, string Message)? FindProblem()
    {
        if (BaseAddress is not null && (!BaseAddress.IsAbsoluteUri || (BaseAddress.Scheme != Uri.UriSchemeHttp && BaseAddress.Scheme != Uri.UriSchemeHttps)))
        {
            return (nameof(BaseAddress), $"BaseAddress must be an absolute http or https URL, got '{BaseAddress}'.");
        }

        if (string.IsNullOrWhiteSpace(ApiKey) || ApiKey.Any(char.IsWhiteSpace))
        {
            return (nameof(ApiKey), "ApiKey is required (lw_<prefix>_<secret>) and has no spaces.");
        }

        if (MaxRetries is < 0 or > 20)
        {
            return (nameof(MaxRetries), $"MaxRetries must be 0..20, got {MaxRetries}.");
        }

        if (InitialBackoff <= TimeSpan.Zero || MaxBackoff < InitialBackoff)
        {
            return (nameof(InitialBackoff), $"InitialBackoff must be positive and at most MaxBackoff, got {InitialBackoff} and {MaxBackoff}.");
        }

        if (MaxRetryAfter < TimeSpan.Zero)
        {
            return (nameof(MaxRetryAfter), $"MaxRetryAfter must not be negative, got {MaxRetryAfter}.");
        }

        if (RequestTimeout <= TimeSpan.Zero && RequestTimeout != Timeout.InfiniteTimeSpan)
        {
            return (nameof(RequestTimeout), $"RequestTimeout must be positive (or infinite), got {RequestTimeout}.");
        }

        return null;
    }
}
