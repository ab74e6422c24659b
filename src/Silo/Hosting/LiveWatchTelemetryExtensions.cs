using LiveWatch.Grains.Telemetry;
using Microsoft.Extensions.Options;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Orleans.Diagnostics;

namespace LiveWatch.Silo.Hosting;

/// <summary>OpenTelemetry for the silo: LiveWatch's, Orleans', ASP.NET Core's and the runtime's metrics and traces.</summary>
public static class LiveWatchTelemetryExtensions
{
    public const string ServiceName = "livewatch-silo";

    /// <summary>The standard OpenTelemetry variable; when set, every signal goes to that collector.</summary>
    public const string OtlpEndpointVariable = "OTEL_EXPORTER_OTLP_ENDPOINT";

    /// <summary>The Orleans meter (grain calls, activations, messaging); its name is not exposed as a constant.</summary>
    public const string OrleansMeterName = "Microsoft.Orleans";

    public const string MetricsPath = "/metrics";

    /// <summary>
    /// Metrics (Prometheus scrape endpoint always, OTLP when configured) and traces (OTLP when configured). Traces follow
    /// a request from ASP.NET Core into grain calls (Orleans activity propagation is on in the silo) down to the
    /// moderation-store transaction.
    /// </summary>
    public static WebApplicationBuilder AddLiveWatchTelemetry(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var section = builder.Configuration.GetSection(TelemetryOptions.SectionName);
        var options = section.Get<TelemetryOptions>() ?? new TelemetryOptions();

        // Checked now, not on start: the options decide which exporters are wired.
        var validation = new TelemetryOptionsValidator().Validate(Options.DefaultName, options);
        if (validation.Failed)
        {
            throw new OptionsValidationException(Options.DefaultName, typeof(TelemetryOptions), validation.Failures);
        }

        builder.Services.AddOptions<TelemetryOptions>().Bind(section);
        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(ServiceName))
            .WithMetrics(metrics => metrics
                .AddMeter(LiveWatchMetrics.MeterName, OrleansMeterName)
                .AddAspNetCoreInstrumentation()
                .AddRuntimeInstrumentation()
                .AddPrometheusExporter())
            .WithTracing(tracing => tracing
                .AddSource(
                    LiveWatchActivitySource.Name,
                    ActivitySources.RuntimeActivitySourceName,
                    ActivitySources.ApplicationGrainActivitySourceName,
                    ActivitySources.StorageActivitySourceName)
                .AddAspNetCoreInstrumentation(aspNetCore => aspNetCore.Filter = context => !IsScrapeOrProbe(context.Request.Path)));

        if (!string.IsNullOrEmpty(options.OtlpEndpoint))
        {
            telemetry.UseOtlpExporter(options.OtlpProtocol, new Uri(options.OtlpEndpoint));
        }
        else if (!string.IsNullOrEmpty(builder.Configuration[OtlpEndpointVariable]))
        {
            // The exporter reads OTEL_EXPORTER_OTLP_* (endpoint, protocol, headers) itself.
            telemetry.UseOtlpExporter();
        }

        return builder;
    }

    /// <summary>Prometheus text exposition of every metric above at <c>/metrics</c>.</summary>
    public static WebApplication MapLiveWatchMetrics(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapPrometheusScrapingEndpoint(MetricsPath);
        return app;
    }

    // Scrapes and health probes arrive every few seconds; as traces they would bury the requests that matter.
    private static bool IsScrapeOrProbe(PathString path) =>
        path.StartsWithSegments(MetricsPath, StringComparison.OrdinalIgnoreCase)
        || path.StartsWithSegments("/health", StringComparison.OrdinalIgnoreCase);
}
