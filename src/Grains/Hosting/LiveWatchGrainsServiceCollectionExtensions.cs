using LiveWatch.Grains.Evidence;
using LiveWatch.Grains.Feed;
using LiveWatch.Grains.Matching;
using LiveWatch.Grains.Monitoring;
using LiveWatch.Grains.Telemetry;
using LiveWatch.Hashing.Indexing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace LiveWatch.Grains.Hosting;

/// <summary>Registers what LiveWatch's grains need in a silo: the bank replica and its replication, options, evidence protection.</summary>
public static class LiveWatchGrainsServiceCollectionExtensions
{
    public static IServiceCollection AddLiveWatchGrains(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<StreamMonitorOptions>().Bind(configuration.GetSection(StreamMonitorOptions.SectionName))
            .Validate(o => o.Validate().Count == 0, "LiveWatch:Streams is invalid")
            .ValidateOnStart();
        services.AddOptions<BankReplicationOptions>().Bind(configuration.GetSection(BankReplicationOptions.SectionName));
        services.AddOptions<EvidenceOptions>().Bind(configuration.GetSection(EvidenceOptions.SectionName));
        services.AddOptions<FeedOptions>().Bind(configuration.GetSection(FeedOptions.SectionName))
            .Validate(o => o.Validate().Count == 0, "LiveWatch:Feed is invalid")
            .ValidateOnStart();
        services.TryAddSingleton<TenantFeedSubscriber>();

        // One replica per silo, sized for millions of entries (the multi-index keeps small banks cheap too).
        services.TryAddSingleton(_ => new HashBankReplica(new MultiIndexHashIndex()));
        services.TryAddSingleton<BankReplicationService>();
        services.AddHostedService(sp => sp.GetRequiredService<BankReplicationService>());
        services.TryAddSingleton(sp => new EvidenceProtector(sp.GetRequiredService<IOptions<EvidenceOptions>>()));
        services.AddMetrics();
        services.TryAddSingleton<LiveWatchMetrics>();
        return services;
    }
}
