using CsCheck;
using LiveWatch.Grains.Risk;

using LiveWatch.Contracts.Risk;

namespace LiveWatch.Grains.Tests.Risk;

/// <summary>score(t) = score(t0) * 2^(-(t - t0) / halfLife), computed from timestamps alone.</summary>
public sealed class ScoreDecayTests
{
    private static readonly long Minute = TimeSpan.FromMinutes(1).Ticks;

    [Theory]
    [InlineData(0.0, 3.0)]
    [InlineData(60.0, 1.5)]
    [InlineData(120.0, 0.75)]
    [InlineData(180.0, 0.375)]
    [InlineData(600.0, 3.0 / 1024)]
    public void The_score_halves_every_half_life(double seconds, double expected)
    {
        var state = RiskEngine.Default.Observe(RiskState.Start(StreamScript.Start), Frames.Strong(), StreamScript.Start).State;

        // Powers of two are exact in binary floating point, so these are exact equalities.
        Assert.Equal(expected, RiskEngine.Default.ScoreAt(state, StreamScript.At(seconds)));
    }

    [Fact]
    public void Powers_of_two_agree_with_math_pow()
    {
        Gen.Double[-80, 0].Sample(exponent =>
        {
            var expected = Math.Pow(2, exponent);
            Assert.True(Math.Abs(ScoreDecay.PowerOfTwo(exponent) - expected) <= expected * 4e-16, $"2^{exponent}");
        }, iter: 10_000);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(-7)]
    [InlineData(-1074)]
    public void Whole_powers_of_two_are_exact(int exponent) =>
        Assert.Equal(Math.ScaleB(1, exponent), ScoreDecay.PowerOfTwo(exponent));

    [Fact]
    public void Powers_beyond_the_smallest_double_are_zero()
    {
        Assert.Equal(0, ScoreDecay.PowerOfTwo(-1076));
        Assert.Equal(0, ScoreDecay.PowerOfTwo(-1e300));
        Assert.Equal(0, ScoreDecay.PowerOfTwo(double.NegativeInfinity));
    }

    [Fact]
    public void Half_a_half_life_divides_by_the_square_root_of_two() =>
        Assert.Equal(3 / Math.Sqrt(2), ScoreDecay.Decay(3, Minute / 2, Minute), 1e-12);

    [Fact]
    public void The_half_life_is_the_tenants()
    {
        var engine = new RiskEngine(RiskPolicyOptions.Default with { ScoreHalfLife = TimeSpan.FromSeconds(10) });
        var state = engine.Observe(RiskState.Start(StreamScript.Start), Frames.Strong(), StreamScript.Start).State;

        Assert.Equal(1.5, engine.ScoreAt(state, StreamScript.At(10)));
        Assert.Equal(0.375, engine.ScoreAt(state, StreamScript.At(30)));
    }

    [Fact]
    public void Matches_add_to_the_decayed_score()
    {
        var engine = RiskEngine.Default;
        var first = engine.Observe(RiskState.Start(StreamScript.Start), Frames.Strong(), StreamScript.Start);
        var second = engine.Observe(first.State, Frames.Weak(), StreamScript.At(60));

        Assert.Equal(2.5, second.Score);
        Assert.Equal(2.5, second.State.ScoreAtLastMatch);
        Assert.Equal(StreamScript.At(60), second.State.LastMatchAt);
    }

    [Fact]
    public void The_score_never_exceeds_the_cap()
    {
        var timeline = new StreamScript().Every(0.1, 0, 30, Frames.Strong(0)).Run(RiskEngine.Default, until: 30);

        Assert.All(timeline.Assessments, a => Assert.InRange(a.Score, 0, RiskPolicyOptions.Default.MaxScore));
        Assert.Equal(16, timeline.Final.ScoreAtLastMatch);
    }

    [Fact]
    public void No_time_or_time_running_back_decays_nothing()
    {
        Assert.Equal(2.0, ScoreDecay.Decay(2.0, 0, Minute));
        Assert.Equal(2.0, ScoreDecay.Decay(2.0, -Minute, Minute));
        Assert.Equal(0.0, ScoreDecay.Decay(0.0, Minute, Minute));
    }

    [Theory]
    [InlineData(3.0, 1.5, 600_000_000L)] // exactly one half-life
    [InlineData(16.0, 0.5, 3_000_000_000L)] // exactly five
    [InlineData(1.0, 1.0, 0L)] // already there
    [InlineData(0.4, 0.5, 0L)] // already below
    public void The_crossing_time_is_exact(double score, double threshold, long ticks) =>
        Assert.Equal(ticks, ScoreDecay.TicksUntilAtOrBelow(score, threshold, Minute));

    [Fact]
    public void The_crossing_time_is_rounded_up_to_a_whole_tick()
    {
        // 60 s * log2(6) = 155.09775004326937 s, not a whole number of 100 ns ticks.
        var ticks = ScoreDecay.TicksUntilAtOrBelow(3, 0.5, Minute);

        Assert.Equal(1_550_977_501L, ticks);
        Assert.True(ScoreDecay.Decay(3, ticks, Minute) <= 0.5);
        Assert.True(ScoreDecay.Decay(3, ticks - 2, Minute) > 0.5);
    }

    [Fact]
    public void A_crossing_beyond_any_representable_time_saturates()
    {
        Assert.Equal(long.MaxValue, ScoreDecay.TicksUntilAtOrBelow(1e300, 1e-300, long.MaxValue / 2));

        var engine = new RiskEngine(RiskPolicyOptions.Default with { ScoreHalfLife = TimeSpan.MaxValue, QuietPeriod = TimeSpan.MaxValue });
        var alert = engine.Observe(RiskState.Start(StreamScript.Start), Frames.Strong(), StreamScript.Start);

        Assert.Equal(DateTimeOffset.MaxValue, alert.NextStepDownAt);
        Assert.Equal(RiskLevel.Alert, engine.Tick(alert.State, DateTimeOffset.MaxValue.AddDays(-1)).Level);
    }
}
