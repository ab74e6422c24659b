using LiveWatch.Grains.Risk;
using Microsoft.Extensions.Options;

using LiveWatch.Contracts.Risk;

namespace LiveWatch.Grains.Tests.Risk;

public sealed class RiskPolicyOptionsValidationTests
{
    private static readonly RiskPolicyOptions Defaults = RiskPolicyOptions.Default;

    [Fact]
    public void The_defaults_are_valid()
    {
        Assert.Empty(Defaults.Validate());
        Assert.True(new RiskPolicyOptionsValidator().Validate(null, Defaults).Succeeded);
    }

    public static TheoryData<RiskPolicyOptions, string> OneMistakeEach => new()
    {
        { Defaults with { WatchEnterThreshold = 3, AlertEnterThreshold = 2, AlertLeaveThreshold = 1.5, WatchLeaveThreshold = 0.5 },
            "AlertEnterThreshold (2) must be greater than WatchEnterThreshold (3)." },
        { Defaults with { CriticalEnterThreshold = 2.5, CriticalLeaveThreshold = 2 },
            "CriticalEnterThreshold (2.5) must be greater than AlertEnterThreshold (2.5)." },
        { Defaults with { ScoreHalfLife = TimeSpan.Zero }, "ScoreHalfLife (00:00:00) must be positive." },
        { Defaults with { QuietPeriod = TimeSpan.FromSeconds(-1) }, "QuietPeriod (-00:00:01) must not be negative." },
        { Defaults with { StrongMatchWeight = 0.5 }, "StrongMatchWeight (0.5) must be at least WeakMatchWeight (1)." },
        { Defaults with { WeakMatchWeight = double.NaN }, "WeakMatchWeight (NaN) must be a positive finite number." },
        { Defaults with { StrongMatchWeight = double.PositiveInfinity }, "StrongMatchWeight (Infinity) must be a positive finite number." },
        { Defaults with { StrongDistanceCutoff = 257 }, "StrongDistanceCutoff (257) must be a Hamming distance, 0..256." },
        { Defaults with { WatchLeaveThreshold = 0 },
            "WatchLeaveThreshold (0) must be positive: a decaying score never reaches zero, so the stream would never leave Watch." },
        { Defaults with { AlertLeaveThreshold = 2.5 }, "AlertLeaveThreshold (2.5) must be less than AlertEnterThreshold (2.5)." },
        { Defaults with { CriticalLeaveThreshold = 1 }, "CriticalLeaveThreshold (1) must be greater than AlertLeaveThreshold (1.5)." },
        { Defaults with { AlertLeaveThreshold = 0.4 }, "AlertLeaveThreshold (0.4) must be greater than WatchLeaveThreshold (0.5)." },
        { Defaults with { WatchLeaveThreshold = double.NaN }, "WatchLeaveThreshold (NaN) must be a finite number." },
        { Defaults with { MaxScore = 8 }, "MaxScore (8) must be at least CriticalEnterThreshold (10), or Critical could never be reached." },
        { Defaults with { WatchSampling = new SamplingPolicy(SamplingMode.FullDecode, 0) },
            "WatchSampling.FramesPerSecond (0) must be a positive finite number." },
        { Defaults with { ClearSampling = new SamplingPolicy((SamplingMode)7, 1) },
            "ClearSampling.Mode (7) is not a SamplingMode (KeyframesOnly, FullDecode)." },
        { Defaults with { CriticalAutoAction = (AutoAction)9 },
            "CriticalAutoAction (9) is not an AutoAction (None, Blur, Terminate)." },
    };

    [Theory]
    [MemberData(nameof(OneMistakeEach))]
    public void Each_mistake_gets_one_message_naming_the_values(RiskPolicyOptions options, string message) =>
        Assert.Equal([message], options.Validate());

    [Fact]
    public void Every_mistake_is_reported_at_once()
    {
        var options = Defaults with { ScoreHalfLife = TimeSpan.Zero, WeakMatchWeight = -1, MaxScore = 5 };

        Assert.Equal(
            [
                "ScoreHalfLife (00:00:00) must be positive.",
                "WeakMatchWeight (-1) must be a positive finite number.",
                "MaxScore (5) must be at least CriticalEnterThreshold (10), or Critical could never be reached.",
            ],
            options.Validate());
    }

    [Fact]
    public void The_options_validator_reports_the_same_messages()
    {
        var options = Defaults with { AlertEnterThreshold = 0.9 };

        var result = new RiskPolicyOptionsValidator().Validate("tenant-a", options);

        Assert.True(result.Failed);
        Assert.Equal(options.Validate(), result.Failures);
    }

    [Fact]
    public void An_options_factory_with_the_validator_accepts_the_defaults()
    {
        var factory = new OptionsFactory<RiskPolicyOptions>([], [], [new RiskPolicyOptionsValidator()]);

        Assert.Equal(Defaults, factory.Create("tenant-a"));
    }

    [Fact]
    public void The_engine_refuses_invalid_options_with_every_message()
    {
        var options = Defaults with { AlertEnterThreshold = 0.9, WatchLeaveThreshold = -1 };

        var error = Assert.Throws<ArgumentException>(() => new RiskEngine(options));

        Assert.Equal("options", error.ParamName);
        Assert.Contains("AlertEnterThreshold (0.9) must be greater than WatchEnterThreshold (1).", error.Message, StringComparison.Ordinal);
        Assert.Contains("WatchLeaveThreshold (-1) must be positive", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(257)]
    public void Observations_refuse_impossible_distances(int distance)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => RiskObservation.Nearest(distance));
        Assert.Throws<ArgumentOutOfRangeException>(() => RiskObservation.Nearest(10, bankThreshold: distance));
        Assert.Throws<ArgumentOutOfRangeException>(() => RiskObservation.NearestInNegativeBank(distance));
    }
}
