using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace LiveWatch.Ingest.Hosting;

/// <summary>Wiring of a stand-alone ingest worker process: an Orleans client of the cluster plus the worker.</summary>
public static class IngestProcessExtensions
{
    /// <summary>
    /// Connects to the cluster as an Orleans client and runs a worker. On one machine the client finds the silo's
    /// gateway on loopback (<c>LiveWatch:GatewayPort</c>, default 30000, the silo's setting of the same name).
    /// </summary>
    public static HostApplicationBuilder AddLiveWatchIngestProcess(this HostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var gatewayPort = builder.Configuration.GetValue<int?>("LiveWatch:GatewayPort") ?? 30000;
        builder.UseOrleansClient(client => client.UseLocalhostClustering(gatewayPort));
        builder.Services.AddLiveWatchIngestWorker(builder.Configuration);
        return builder;
    }
}
