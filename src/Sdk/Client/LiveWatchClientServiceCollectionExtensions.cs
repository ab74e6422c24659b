using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace LiveWatch.Sdk.Client;

/// <summary>Registers <see cref="LiveWatchClient"/> with dependency injection, over an <see cref="IHttpClientFactory"/> client.</summary>
public static class LiveWatchClientServiceCollectionExtensions
{
    /// <summary>The name of the <see cref="IHttpClientFactory"/> client the LiveWatch client uses.</summary>
    public const string HttpClientName = "LiveWatch";

    /// <summary>
    /// Adds <see cref="LiveWatchClient"/> (transient, over the factory's pooled handlers) configured by
    /// <paramref name="configure"/>; the options are validated when the client is first resolved.
    /// </summary>
    /// <returns>The HttpClient builder, to add handlers (e.g. a proxy) to the client's pipeline.</returns>
    public static IHttpClientBuilder AddLiveWatchClient(this IServiceCollection services, Action<LiveWatchClientOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        services.AddOptions<LiveWatchClientOptions>().Configure(configure);
        services.AddSingleton<IValidateOptions<LiveWatchClientOptions>, LiveWatchClientOptionsValidator>();
        services.AddTransient(provider => new LiveWatchClient(
            provider.GetRequiredService<IHttpClientFactory>().CreateClient(HttpClientName),
            provider.GetRequiredService<IOptions<LiveWatchClientOptions>>().Value,
            provider.GetService<TimeProvider>() ?? TimeProvider.System));

        // The client times each attempt itself, and the feed stays open for as long as it is followed.
        return services.AddHttpClient(HttpClientName, http => http.Timeout = Timeout.InfiniteTimeSpan);
    }
}
