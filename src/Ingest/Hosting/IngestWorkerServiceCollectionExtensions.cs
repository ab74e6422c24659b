using LiveWatch.Ingest.Sampling;
using LiveWatch.Ingest.Sources;
using LiveWatch.Ingest.Workers;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace LiveWatch.Ingest.Hosting;

/// <summary>Wiring of the ingest side: URL policy, sampler settings and the worker.</summary>
public static class IngestWorkerServiceCollectionExtensions
{
    /// <summary>The source URL policy (section <see cref="SourceUrlOptions.SectionName"/>), used at registration and before every connect.</summary>
    public static IServiceCollection AddLiveWatchSourceUrlPolicy(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<SourceUrlOptions>().Bind(configuration.GetSection(SourceUrlOptions.SectionName));
        services.TryAddSingleton<SourceUrlPolicy>();
        return services;
    }

    /// <summary>
    /// An ingest worker in this process when <c>LiveWatch:Ingest:Worker:Enabled</c> is true (the default), with its
    /// settings validated at start. The host must provide an <see cref="IGrainFactory"/> (a silo, or an Orleans client).
    /// </summary>
    public static IServiceCollection AddLiveWatchIngestWorker(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddLiveWatchSourceUrlPolicy(configuration);
        services.AddOptions<SamplerOptions>().Bind(configuration.GetSection(SamplerOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SamplerOptions>, SamplerOptionsValidator>());
        services.AddOptions<IngestWorkerOptions>().Bind(configuration.GetSection(IngestWorkerOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<IngestWorkerOptions>, IngestWorkerOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.AddMetrics();
        services.TryAddSingleton<IngestMetrics>();
        if (configuration.GetValue<bool?>($"{IngestWorkerOptions.SectionName}:{nameof(IngestWorkerOptions.Enabled)}") ?? true)
        {
            services.AddSingleton<IngestWorker>();
            services.AddHostedService(static sp => sp.GetRequiredService<IngestWorker>());
        }

        return services;
    }
}
