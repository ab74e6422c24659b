using LiveWatch.Contracts.Risk;
using LiveWatch.Grains.Hosting;
using LiveWatch.Grains.Monitoring;
using LiveWatch.Grains.Risk;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace LiveWatch.Grains.Tests.Monitoring;

/// <summary><c>LiveWatch:Streams</c> as the host binds it: defaults, and per-tenant overrides on top of them.</summary>
public sealed class StreamMonitorOptionsBindingTests
{
    private static readonly Dictionary<string, string?> s_defaults = new()
    {
        ["LiveWatch:Streams:MaxBatchSize"] = "32",
        ["LiveWatch:Streams:Analysis:MinimumQuality"] = "60",
        ["LiveWatch:Streams:Risk:ScoreHalfLife"] = "00:00:30",
        ["LiveWatch:Streams:Risk:StrongDistanceCutoff"] = "12",
        ["LiveWatch:Streams:Risk:CriticalAutoAction"] = "Blur",
        ["LiveWatch:Streams:Risk:WatchSampling:Mode"] = "KeyframesOnly",
        ["LiveWatch:Streams:Risk:WatchSampling:FramesPerSecond"] = "6",
    };

    [Fact]
    public void The_defaults_bind_every_kind_of_value_including_init_only_records_and_positional_sampling()
    {
        using var services = Build(s_defaults);

        var options = services.GetRequiredService<IOptionsMonitor<StreamMonitorOptions>>().CurrentValue;

        Assert.Equal(32, options.MaxBatchSize);
        Assert.Equal(60, options.Analysis.MinimumQuality);
        Assert.Equal(TimeSpan.FromSeconds(30), options.Risk.ScoreHalfLife);
        Assert.Equal(12, options.Risk.StrongDistanceCutoff);
        Assert.Equal(AutoAction.Blur, options.Risk.CriticalAutoAction);
        Assert.Equal(new SamplingPolicy(SamplingMode.KeyframesOnly, 6), options.Risk.WatchSampling);
        Assert.Equal(RiskPolicyOptions.Default.AlertSampling, options.Risk.AlertSampling);
        // Binding fills a fresh policy: LiveWatch's built-in defaults stay as they are.
        Assert.Equal(16, RiskPolicyOptions.Default.StrongDistanceCutoff);
        Assert.Equal(new SamplingPolicy(SamplingMode.FullDecode, 4), RiskPolicyOptions.Default.WatchSampling);
    }

    [Fact]
    public void A_tenant_override_changes_only_the_named_values_of_that_tenant()
    {
        using var services = Build(new(s_defaults)
        {
            ["LiveWatch:Streams:Tenants:strict:Risk:StrongDistanceCutoff"] = "8",
            ["LiveWatch:Streams:Tenants:strict:Risk:AlertSampling:FramesPerSecond"] = "3",
            ["LiveWatch:Streams:Tenants:strict:Analysis:MatchDihedral"] = "false",
        });
        var monitor = services.GetRequiredService<IOptionsMonitor<StreamMonitorOptions>>();

        var strict = monitor.Get("strict");
        var other = monitor.Get("another-tenant");

        Assert.Equal(8, strict.Risk.StrongDistanceCutoff);
        Assert.Equal(new SamplingPolicy(SamplingMode.FullDecode, 3), strict.Risk.AlertSampling);
        Assert.False(strict.Analysis.MatchDihedral);
        // Everything else is the configured defaults, not the built-in ones.
        Assert.Equal((32, 60, TimeSpan.FromSeconds(30)), (strict.MaxBatchSize, strict.Analysis.MinimumQuality, strict.Risk.ScoreHalfLife));
        Assert.Equal(new SamplingPolicy(SamplingMode.KeyframesOnly, 6), strict.Risk.WatchSampling);
        Assert.Equal((12, true), (other.Risk.StrongDistanceCutoff, other.Analysis.MatchDihedral));
        Assert.Equal(12, monitor.CurrentValue.Risk.StrongDistanceCutoff);
    }

    [Fact]
    public void An_invalid_tenant_override_fails_validation_at_start_naming_the_tenant_and_the_key()
    {
        using var services = Build(new(s_defaults) { ["LiveWatch:Streams:Tenants:broken:Risk:StrongDistanceCutoff"] = "300" });

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains("LiveWatch:Streams:Tenants:broken:Risk:StrongDistanceCutoff (300) must be a Hamming distance", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("another", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Valid_overrides_pass_validation_at_start()
    {
        using var services = Build(new(s_defaults) { ["LiveWatch:Streams:Tenants:strict:Risk:StrongDistanceCutoff"] = "8" });

        services.GetRequiredService<IStartupValidator>().Validate();
    }

    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection().AddLogging().AddLiveWatchGrains(configuration).BuildServiceProvider();
    }
}
