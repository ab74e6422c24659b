using System.Net;
using LiveWatch.Contracts.Feed;
using LiveWatch.Grains.Hosting;
using LiveWatch.Storage.GrainState;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Persistence;
using Orleans.Serialization;
using Orleans.Storage;
using StackExchange.Redis;

namespace LiveWatch.Silo.Hosting;

/// <summary>Membership, grain state, reminders and the feed's pub-sub store, for one node or for a Redis cluster.</summary>
public static class LiveWatchClusterSiloBuilderExtensions
{
    /// <summary>The grain storage the stream grains keep their risk state in.</summary>
    public const string StreamStateStorageName = "streams";

    public static ISiloBuilder UseLiveWatchCluster(this ISiloBuilder orleans, LiveWatchClusterOptions cluster, SiloOptions silo, string dataDirectory)
    {
        ArgumentNullException.ThrowIfNull(orleans);
        ArgumentNullException.ThrowIfNull(cluster);
        ArgumentNullException.ThrowIfNull(silo);
        orleans.Configure<ClusterMembershipOptions>(membership =>
        {
            membership.ProbeTimeout = cluster.ProbeTimeout;
            membership.NumMissedProbesLimit = cluster.MissedProbesLimit;
        });

        if (cluster.Mode == ClusteringMode.Localhost)
        {
            orleans.UseLocalhostClustering(silo.SiloPort, silo.GatewayPort, serviceId: cluster.ServiceId, clusterId: cluster.ClusterId);
            orleans.AddSqliteGrainStorage(StreamStateStorageName, o => o.DataDirectory = dataDirectory);

            // Reminders exist in both modes so grains may rely on them; one node has nobody to hand them to anyway.
            orleans.UseInMemoryReminderService();
            orleans.AddLiveWatchFeed();
            return orleans;
        }

        var redis = cluster.RedisConnectionString!;
        orleans.Configure<ClusterOptions>(o =>
        {
            o.ClusterId = cluster.ClusterId;
            o.ServiceId = cluster.ServiceId;
        });
        orleans.ConfigureEndpoints(IPAddress.Parse(cluster.AdvertisedIPAddress), silo.SiloPort, silo.GatewayPort, cluster.ListenOnAnyHostAddress);
        orleans.UseRedisClustering(o => o.ConfigurationOptions = ConfigurationOptions.Parse(redis));
        orleans.UseRedisReminderService(o => o.ConfigurationOptions = ConfigurationOptions.Parse(redis));
        orleans.AddRedisGrainStorage(StreamStateStorageName, o => ConfigureRedisStorage(o, redis));

        // The feed's memory streams as on one node, but their subscriptions in Redis so that they outlive a silo.
        orleans.AddMemoryStreams(FeedStreams.ProviderName);
        orleans.AddRedisGrainStorage(LiveWatchFeedSiloBuilderExtensions.PubSubStoreName, o => ConfigureRedisStorage(o, redis));

        orleans.Services.AddSingleton(_ => new RedisProbeConnection(redis));
        orleans.Services.AddHealthChecks().AddCheck<RedisHealthCheck>("redis", HealthStatus.Unhealthy, ["ready"]);
        return orleans;
    }

    // Orleans' own serializer, as the single node's SQLite storage uses: grain state types are [GenerateSerializer]
    // types, which the default JSON serializer would not round-trip.
    private static void ConfigureRedisStorage(OptionsBuilder<RedisStorageOptions> options, string redis) =>
        options.Configure<Serializer>((o, serializer) =>
        {
            o.ConfigurationOptions = ConfigurationOptions.Parse(redis);
            o.GrainStorageSerializer = new OrleansGrainStorageSerializer(serializer);
        });
}
