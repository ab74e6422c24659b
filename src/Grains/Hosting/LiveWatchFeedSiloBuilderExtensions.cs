using LiveWatch.Contracts.Feed;
using Orleans.Hosting;

namespace LiveWatch.Grains.Hosting;

/// <summary>Adds the live feed's Orleans streams to a silo.</summary>
public static class LiveWatchFeedSiloBuilderExtensions
{
    /// <summary>The pub-sub store Orleans keeps stream subscriptions in (its well-known name).</summary>
    public const string PubSubStoreName = "PubSubStore";

    /// <summary>
    /// Registers memory streams named <see cref="FeedStreams.ProviderName"/> and their pub-sub store. Memory streams
    /// lose notifications when a silo goes away, which the feed tolerates: subscribers catch up from the moderation
    /// store. The pub-sub store is in memory too, which is enough on one node; a cluster keeps it in Redis (with the
    /// cluster's grain state) so that subscriptions survive a silo.
    /// </summary>
    public static ISiloBuilder AddLiveWatchFeed(this ISiloBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddMemoryStreams(FeedStreams.ProviderName);
        builder.AddMemoryGrainStorage(PubSubStoreName);
        return builder;
    }
}
