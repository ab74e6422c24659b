using LiveWatch.Grains.Evidence;
using LiveWatch.Grains.Hosting;
using LiveWatch.Ingest.Hosting;
using LiveWatch.Storage.Hosting;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace LiveWatch.Silo.Hosting;

/// <summary>Wiring of the LiveWatch host; Program.cs stays a few lines.</summary>
public static class LiveWatchSiloExtensions
{
    /// <summary>
    /// The silo. By default a single node (localhost clustering, SQLite store and grain state in the data directory);
    /// <c>LiveWatch:Cluster:Clustering=Redis</c> makes it one silo of a cluster (see <see cref="LiveWatchClusterOptions"/>).
    /// </summary>
    public static WebApplicationBuilder AddLiveWatchSilo(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var silo = builder.Configuration.GetSection(SiloOptions.SectionName).Get<SiloOptions>() ?? new SiloOptions();
        var dataDirectory = Path.GetFullPath(silo.DataDirectory);
        Directory.CreateDirectory(dataDirectory);

        // Read (and validated) before the defaults below: a cluster must bring its own evidence key.
        var cluster = LiveWatchClusterOptions.FromConfiguration(builder.Configuration);

        // One data directory for everything a single node keeps, unless storage is configured on its own.
        var defaults = new Dictionary<string, string?>();
        if (string.IsNullOrEmpty(builder.Configuration["Storage:DataDirectory"]))
        {
            defaults["Storage:DataDirectory"] = dataDirectory;
        }

        // A cluster must share one key (checked above); only a single node may make up its own.
        if (string.IsNullOrEmpty(builder.Configuration[$"{EvidenceOptions.SectionName}:Key"])
            && cluster.Mode == ClusteringMode.Localhost)
        {
            defaults[$"{EvidenceOptions.SectionName}:Key"] = DevelopmentEvidenceKey.LoadOrCreate(dataDirectory);
        }

        builder.Configuration.AddInMemoryCollection(defaults);
        builder.Services.Configure<SiloOptions>(o => o.DataDirectory = dataDirectory);

        // Registered before Orleans so that migrations finish before the silo starts taking calls.
        builder.Services.AddLiveWatchStorage(builder.Configuration);
        builder.Services.AddLiveWatchGrains(builder.Configuration);
        builder.UseOrleans(orleans =>
        {
            orleans.UseLiveWatchCluster(cluster, silo, dataDirectory);
            orleans.AddActivityPropagation();
            orleans.AddIncomingGrainCallFilter<StoreFailureCallFilter>();
            orleans.AddLiveWatchOrleansDashboard(builder.Configuration);
        });

        // After Orleans, so the silo is up before the embedded worker's first heartbeat (it retries anyway).
        builder.Services.AddLiveWatchIngestWorker(builder.Configuration);
        builder.Services.AddLiveWatchWebhooks(builder.Configuration);

        builder.AddLiveWatchTelemetry();
        builder.Services.AddHealthChecks()
            .AddCheck<StoreHealthCheck>("store", tags: ["ready"])
            .AddCheck<BankReplicaHealthCheck>("bank-replica", tags: ["ready"]);
        return builder;
    }

    /// <summary>
    /// <c>/health/live</c>: the process runs; <c>/health/ready</c>: the store answers, the bank replica is loaded and,
    /// in a Redis cluster, Redis answers.
    /// </summary>
    public static WebApplication MapLiveWatchHealthChecks(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks("/health/ready", new HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains("ready"),
            ResultStatusCodes = { [HealthStatus.Unhealthy] = StatusCodes.Status503ServiceUnavailable },
        });
        return app;
    }
}
