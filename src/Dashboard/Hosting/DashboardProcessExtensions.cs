using LiveWatch.Contracts.Feed;
using LiveWatch.Ingest.Hosting;
using LiveWatch.Storage.Hosting;

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
        builder.UseOrleansClient(client =>
        {
            client.UseLiveWatchCluster(configuration);

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
