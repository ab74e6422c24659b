using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using LiveWatch.Ingest.Workers;
using OpenTelemetry.Metrics;

namespace LiveWatch.Ingest.Hosting;

/// <summary>Wiring of a stand-alone ingest worker process: an Orleans client of the cluster plus the worker.</summary>
public static class IngestProcessExtensions
{
    /// <summary>The port of the worker process's Prometheus endpoint (<c>/metrics</c>); unset means none.</summary>
    public const string MetricsPortKey = "LiveWatch:Ingest:Worker:MetricsPort";

    /// <summary>The address it listens on (default 127.0.0.1; a scraper on another machine needs the host's address).</summary>
    public const string MetricsHostKey = "LiveWatch:Ingest:Worker:MetricsHost";

    /// <summary>
    /// Connects to the cluster as an Orleans client (<see cref="LiveWatchClusterClientExtensions.UseLiveWatchCluster"/>)
    /// and runs a worker.
    /// </summary>
    public static HostApplicationBuilder AddLiveWatchIngestProcess(this HostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var configuration = builder.Configuration;
        builder.UseOrleansClient(client => client.UseLiveWatchCluster(configuration));
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
