using LiveWatch.Grains.Evidence;
using LiveWatch.Grains.Feed;
using LiveWatch.Grains.Matching;
using LiveWatch.Grains.Monitoring;
using LiveWatch.Grains.Scheduling;
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
        AddStreamMonitorOptions(services, configuration.GetSection(StreamMonitorOptions.SectionName));
        services.AddOptions<BankReplicationOptions>().Bind(configuration.GetSection(BankReplicationOptions.SectionName));
        services.AddOptions<EvidenceOptions>().Bind(configuration.GetSection(EvidenceOptions.SectionName))
            .Validate(o => o.Validate().Count == 0, "LiveWatch:Evidence is invalid")
            .ValidateOnStart();
        services.AddOptions<FeedOptions>().Bind(configuration.GetSection(FeedOptions.SectionName))
            .Validate(o => o.Validate().Count == 0, "LiveWatch:Feed is invalid")
            .ValidateOnStart();
        services.TryAddSingleton<TenantFeedSubscriber>();
        services.AddOptions<IngestSchedulerOptions>().Bind(configuration.GetSection(IngestSchedulerOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<IngestSchedulerOptions>, IngestSchedulerOptionsValidator>();

        // The scheduler's clock is the silo's unless a host registered its own under the key first (tests: a fake).
        services.TryAddKeyedSingleton<TimeProvider>(IngestSchedulerOptions.ClockKey, static (sp, _) => sp.GetRequiredService<TimeProvider>());

        // One replica per silo, sized for millions of entries (the multi-index keeps small banks cheap too).
        services.TryAddSingleton(_ => new HashBankReplica(new MultiIndexHashIndex()));
        services.TryAddSingleton<BankReplicationService>();
        services.AddHostedService(sp => sp.GetRequiredService<BankReplicationService>());
        services.TryAddSingleton(sp => new EvidenceProtector(sp.GetRequiredService<IOptions<EvidenceOptions>>()));
        services.AddMetrics();
        services.TryAddSingleton<LiveWatchMetrics>();
        return services;
    }

    // The defaults bind into every named instance (a tenant without overrides gets them as they are); each tenant
    // with a section of its own gets those values bound on top, and is validated when the host starts.
    private static void AddStreamMonitorOptions(IServiceCollection services, IConfigurationSection section)
    {
        services.Configure<StreamMonitorOptions>(name: null, section);
        services.AddSingleton<IValidateOptions<StreamMonitorOptions>, StreamMonitorOptionsValidator>();
        services.AddOptions<StreamMonitorOptions>().ValidateOnStart();
        foreach (var tenant in section.GetSection(StreamMonitorOptions.TenantsSectionName).GetChildren())
        {
            services.Configure<StreamMonitorOptions>(tenant.Key, tenant);
            services.AddOptions<StreamMonitorOptions>(tenant.Key).ValidateOnStart();
        }
    }
}
