using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using LiveWatch.Contracts.Feed;
using LiveWatch.Contracts.Streams;

namespace LiveWatch.Grains.Feed;

/// <summary>
/// Starts live feed subscriptions for whatever shows a tenant's feed (the dashboard's SignalR hub, the API's
/// server-sent events): <c>await using var feed = await subscriber.SubscribeAsync(tenant, lastSeen);</c> then
/// <c>await foreach (var e in feed)</c>. Callers check that the tenant is the caller's own.
/// </summary>
public sealed class TenantFeedSubscriber
{
    private readonly IClusterClient _client;
    private readonly IServiceScopeFactory _scopes;
    private readonly IOptions<FeedOptions> _options;
    private readonly TimeProvider _time;
    private readonly ILogger<TenantFeedSubscription> _logger;

    public TenantFeedSubscriber(IClusterClient client, IServiceScopeFactory scopes, IOptions<FeedOptions> options, TimeProvider time, ILogger<TenantFeedSubscription> logger)
    {
        _client = client;
        _scopes = scopes;
        _options = options;
        _time = time;
        _logger = logger;
    }

    /// <summary>
    /// Follows <paramref name="tenantId"/>'s feed from after <paramref name="afterSequence"/> (0 for everything the
    /// store still holds; a reconnecting subscriber passes the last sequence it received).
    /// </summary>
    public Task<TenantFeedSubscription> SubscribeAsync(string tenantId, long afterSequence)
    {
        Identifier.Validate(tenantId, "tenant id");
        ArgumentOutOfRangeException.ThrowIfNegative(afterSequence);
        return TenantFeedSubscription.StartAsync(
            _client.GetStreamProvider(FeedStreams.ProviderName), _scopes, _options.Value, _time, _logger, tenantId, afterSequence);
    }
}
