using LiveWatch.Contracts.Feed;
using LiveWatch.Storage.Hosting;
using Orleans.Configuration;
using Orleans.Hosting;

namespace LiveWatch.Dashboard.Hosting;

/// <summary>
/// Wiring of the dashboard as its own process: an Orleans client of the cluster (as a stand-alone ingest worker
/// connects: Redis clustering, or one silo's gateway on loopback) plus the moderation store, so that moderators'
/// pages can be served apart from the silos.
/// </summary>
public static class DashboardProcessExtensions
{
    public static WebApplicationBuilder AddLiveWatchDashboardProcess(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var configuration = builder.Configuration;
        var clustering = configuration["LiveWatch:Cluster:Clustering"] ?? "Localhost";
        var clusterId = configuration["LiveWatch:Cluster:ClusterId"] ?? "livewatch";
        var serviceId = configuration["LiveWatch:Cluster:ServiceId"] ?? "livewatch";
        builder.UseOrleansClient(client =>
        {
            if (string.Equals(clustering, "Redis", StringComparison.OrdinalIgnoreCase))
            {
                var redis = configuration.GetConnectionString("Redis");
                if (string.IsNullOrWhiteSpace(redis))
                {
                    throw new InvalidOperationException(
                        "LiveWatch:Cluster:Clustering is Redis but ConnectionStrings:Redis is not set: the dashboard cannot find the silos.");
                }

                client.UseRedisClustering(redis);
                client.Configure<ClusterOptions>(o => (o.ClusterId, o.ServiceId) = (clusterId, serviceId));
            }
            else if (string.Equals(clustering, "Localhost", StringComparison.OrdinalIgnoreCase))
            {
                client.UseLocalhostClustering(configuration.GetValue<int?>("LiveWatch:GatewayPort") ?? 30000, serviceId, clusterId);
            }
            else
            {
                throw new InvalidOperationException($"LiveWatch:Cluster:Clustering must be Localhost or Redis, got '{clustering}'.");
            }

            // The live feed's memory streams, as the silos declare them.
            client.AddMemoryStreams(FeedStreams.ProviderName);
        });

        // The silos migrate (or the operator runs `db migrate`); this process only reads and writes.
        if (string.IsNullOrEmpty(configuration["Storage:MigrateOnStart"]))
        {
            configuration.AddInMemoryCollection([new("Storage:MigrateOnStart", "false")]);
        }

        if (string.IsNullOrEmpty(configuration["Storage:DataDirectory"]))
        {
            configuration.AddInMemoryCollection([new("Storage:DataDirectory", Path.GetFullPath(configuration["LiveWatch:DataDirectory"] ?? "./data"))]);
        }

        builder.Services.AddLiveWatchStorage(configuration);
        builder.AddLiveWatchDashboard();
        return builder;
    }
}
