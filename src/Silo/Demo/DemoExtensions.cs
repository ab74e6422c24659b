using LiveWatch.Ingest.Sources;

namespace LiveWatch.Silo.Demo;

/// <summary>Wiring of demo mode; nothing is registered unless <c>LiveWatch:Demo:Enabled</c> is true.</summary>
public static class DemoExtensions
{
    public static WebApplicationBuilder AddLiveWatchDemo(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var options = builder.Configuration.GetSection(DemoOptions.SectionName).Get<DemoOptions>() ?? new DemoOptions();
        if (!options.Enabled)
        {
            return builder;
        }

        // The demo stream is published on loopback, which platforms may not name: the operator (run.sh) allows it here.
        var allowed = builder.Configuration.GetSection($"{SourceUrlOptions.SectionName}:AllowedPrivateHosts").GetChildren().Count();
        builder.Configuration.AddInMemoryCollection([new($"{SourceUrlOptions.SectionName}:AllowedPrivateHosts:{allowed}", "127.0.0.1")]);
        builder.Services.AddOptions<DemoOptions>().Bind(builder.Configuration.GetSection(DemoOptions.SectionName));
        builder.Services.AddSingleton<DemoPublisher>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<DemoPublisher>());
        builder.Services.AddHostedService<DemoSeeder>();
        return builder;
    }
}
