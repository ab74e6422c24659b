using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using LiveWatch.Ingest.Workers;
using OpenTelemetry.Metrics;
using Orleans.Configuration;

namespace LiveWatch.Ingest.Hosting;

/// <summary>Wiring of a stand-alone ingest worker process: an Orleans client of the cluster plus the worker.</summary>
public static class IngestProcessExtensions
{
    /// <summary>The port of the worker process's Prometheus endpoint (<c>/metrics</c>); unset means none.</summary>
    public const string MetricsPortKey = "LiveWatch:Ingest:Worker:MetricsPort";

    /// <summary>The address it listens on (default 127.0.0.1; a scraper on another machine needs the host's address).</summary>
    public const string MetricsHostKey = "LiveWatch:Ingest:Worker:MetricsHost";

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

        // Prometheus metrics of this process (ingest, Orleans client, runtime) when the operator gives it a port: several
        // workers may share a machine, so there is no fixed default (scripts/cluster.sh assigns one per worker).
        if (configuration.GetValue<int?>(MetricsPortKey) is { } port)
        {
            if (port is < 1 or > 65535)
            {
                throw new InvalidOperationException($"{MetricsPortKey} must be a TCP port (1..65535), got {port}.");
            }

            builder.Services.AddOpenTelemetry().WithMetrics(metrics => metrics
                .AddMeter(IngestMetrics.MeterName, "Microsoft.Orleans")
                .AddRuntimeInstrumentation()
                .AddPrometheusHttpListener(o => (o.Host, o.Port) = (configuration[MetricsHostKey] ?? "127.0.0.1", port)));
        }

        return builder;
    }
}
