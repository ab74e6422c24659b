using Microsoft.Extensions.Configuration;
using Orleans.Configuration;
using Microsoft.Extensions.Hosting;

namespace LiveWatch.Ingest.Hosting;

/// <summary>How a process outside the silos (an ingest worker, a load generator) finds the cluster.</summary>
public static class LiveWatchClusterClientExtensions
{
    /// <summary>
    /// Reads the same keys as the silos: with <c>LiveWatch:Cluster:Clustering=Redis</c> the client finds the silos'
    /// gateways in Redis (<c>ConnectionStrings:Redis</c>, <c>LiveWatch:Cluster:ClusterId</c>/<c>ServiceId</c>, default
    /// "livewatch"); otherwise it connects to one silo's gateway on loopback (<c>LiveWatch:GatewayPort</c>, default
    /// 30000).
    /// </summary>
    public static IClientBuilder UseLiveWatchCluster(this IClientBuilder client, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(configuration);
        var clustering = configuration["LiveWatch:Cluster:Clustering"] ?? "Localhost";
        var clusterId = configuration["LiveWatch:Cluster:ClusterId"] ?? "livewatch";
        var serviceId = configuration["LiveWatch:Cluster:ServiceId"] ?? "livewatch";
        if (string.Equals(clustering, "Redis", StringComparison.OrdinalIgnoreCase))
        {
            var redis = configuration.GetConnectionString("Redis");
            if (string.IsNullOrWhiteSpace(redis))
            {
                throw new InvalidOperationException(
                    "LiveWatch:Cluster:Clustering is Redis but ConnectionStrings:Redis is not set: the client cannot find the silos.");
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

        return client;
    }
}
