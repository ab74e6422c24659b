using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Configuration;

namespace LiveWatch.Ingest.Hosting;

/// <summary>Wiring of a stand-alone ingest worker process: an Orleans client of the cluster plus the worker.</summary>
public static class IngestProcessExtensions
{
    /// <summary>
    /// Connects to the cluster as an Orleans client and runs a worker, reading the same keys as the silos: with
    /// <c>LiveWatch:Cluster:Clustering=Redis</c> it finds the silos' gateways in Redis (<c>ConnectionStrings:Redis</c>,
    /// <c>LiveWatch:Cluster:ClusterId</c>/<c>ServiceId</c>, default "livewatch"); otherwise it connects to one silo's
    /// gateway on loopback (<c>LiveWatch:GatewayPort</c>, default 30000).
    /// </summary>
    public static HostApplicationBuilder AddLiveWatchIngestProcess(this HostApplicationBuilder builder)
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
                        "LiveWatch:Cluster:Clustering is Redis but ConnectionStrings:Redis is not set: the worker cannot find the silos.");
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
        });
        builder.Services.AddLiveWatchIngestWorker(configuration);
        return builder;
    }
}
