using LiveWatch.Silo.Webhooks;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace LiveWatch.Silo.Hosting;

/// <summary>Wiring of webhook delivery: options, the URL policy, the delivery HTTP client, metrics and the dispatcher.</summary>
public static class LiveWatchWebhookExtensions
{
    public static IServiceCollection AddLiveWatchWebhooks(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<WebhookOptions>().Bind(configuration.GetSection(WebhookOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<WebhookOptions>, WebhookOptionsValidator>());
        services.TryAddSingleton<WebhookUrlPolicy>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddMetrics();
        services.TryAddSingleton<WebhookMetrics>();
        services.AddHttpClient(WebhookDispatcher.HttpClientName, client =>
            {
                // Each attempt has its own timeout (AttemptTimeout), enforced by the dispatcher.
                client.Timeout = Timeout.InfiniteTimeSpan;
                client.DefaultRequestHeaders.UserAgent.ParseAdd("LiveWatch-Webhooks/1");
            })
            .ConfigurePrimaryHttpMessageHandler(sp =>
            {
                var policy = sp.GetRequiredService<WebhookUrlPolicy>();
                return new SocketsHttpHandler
                {
                    // A redirect or a proxy would take the call somewhere the policy did not check.
                    AllowAutoRedirect = false,
                    UseProxy = false,
                    ConnectCallback = (context, ct) => policy.ConnectAsync(context.DnsEndPoint, ct),
                    PooledConnectionLifetime = TimeSpan.FromMinutes(2),
                };
            });
        if (configuration.GetValue<bool?>($"{WebhookOptions.SectionName}:{nameof(WebhookOptions.DispatcherEnabled)}") ?? true)
        {
            services.TryAddSingleton<WebhookDispatcher>();
            services.AddHostedService(static sp => sp.GetRequiredService<WebhookDispatcher>());
        }

        return services;
    }
}
