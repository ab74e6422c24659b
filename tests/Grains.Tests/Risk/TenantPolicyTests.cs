using LiveWatch.Grains.Risk;

using LiveWatch.Contracts.Risk;

namespace LiveWatch.Grains.Tests.Risk;

/// <summary>Per-tenant policies: copies of the defaults with a few numbers changed, each with its own engine.</summary>
public sealed class TenantPolicyTests
{
    private static StreamScript StrongBurst() => new StreamScript().Every(0.5, from: 0, to: 3, Frames.Strong());

    [Fact]
    public void An_override_changes_only_that_tenant()
    {
        var strict = RiskPolicyOptions.Default with { StrongDistanceCutoff = 8, CriticalAutoAction = AutoAction.Blur };

        Assert.Equal(16, RiskPolicyOptions.Default.StrongDistanceCutoff);
        Assert.Equal(AutoAction.None, RiskPolicyOptions.Default.CriticalAutoAction);
        Assert.Equal(8, strict.StrongDistanceCutoff);
        Assert.Equal(RiskPolicyOptions.Default.ScoreHalfLife, strict.ScoreHalfLife);
        Assert.Empty(strict.Validate());
    }

    [Fact]
    public void The_same_frames_give_each_tenant_its_own_timeline()
    {
        // Distance 12 is strong for the defaults (cutoff 16) but weak for a tenant with cutoff 8.
        var script = () => new StreamScript().Frame(0, Frames.Strong(12));
        var lenient = script().Run(RiskEngine.Default, until: 1);
        var strict = script().Run(new RiskEngine(RiskPolicyOptions.Default with { StrongDistanceCutoff = 8 }), until: 1);

        Assert.Equal(RiskLevel.Alert, lenient.Final.Level);
        Assert.Equal(RiskLevel.Watch, strict.Final.Level);
    }

    [Fact]
    public void Without_opting_in_critical_asks_for_no_automatic_action()
    {
        var timeline = StrongBurst().Run(RiskEngine.Default, until: 10);

        Assert.Equal(RiskLevel.Critical, timeline.Final.Level);
        Assert.DoesNotContain(timeline.Assessments, a => a.IsAutoActionDue);
    }

    [Fact]
    public void A_tenant_that_opted_in_gets_its_action_once_on_entering_critical()
    {
        var engine = new RiskEngine(RiskPolicyOptions.Default with { CriticalAutoAction = AutoAction.Terminate });

        // The burst continues at Critical after 1.5 s: the action is asked for once, not with every frame.
        var timeline = StrongBurst().Run(engine, until: 10);

        timeline.AssertTable("""
            time (s) | event                 | detail
            0        | Clear -> Alert        | score 3 reached 2.5
            0        | open incident         |
            1.5      | Alert -> Critical     | score 11.897 reached 10
            1.5      | auto-action Terminate |
            """);
    }

    [Fact]
    public void Critical_entered_again_after_stepping_down_asks_again()
    {
        var engine = new RiskEngine(RiskPolicyOptions.Default with { CriticalAutoAction = AutoAction.Blur });

        // Critical -> Alert at 123 s (quiet period); the material is back at 130 s, in the same episode, and the
        // score is 6.689, 9.651, then 12.595 at 131 s: Critical again.
        var timeline = StrongBurst().Every(0.5, from: 130, to: 132, Frames.Strong()).Run(engine, until: 140);

        Assert.Equal([StreamScript.At(1.5), StreamScript.At(131)],
            timeline.Assessments.Where(a => a.IsAutoActionDue).Select(a => a.At));
        Assert.Equal(1, timeline.IncidentsOpened);
    }

    [Fact]
    public void Weak_matches_alone_reach_critical_only_where_the_tenant_allows_it()
    {
        var script = () => new StreamScript().Every(0.5, from: 0, to: 10, Frames.Weak());
        var guarded = script().Run(RiskEngine.Default, until: 10);
        var unguarded = script().Run(new RiskEngine(RiskPolicyOptions.Default with { CriticalRequiresStrongMatch = false }), until: 10);

        Assert.Equal(RiskLevel.Alert, guarded.Final.Level);
        Assert.Equal(RiskLevel.Critical, unguarded.Final.Level);
        // Ten weak matches half a second apart (0 to 4.5 s) reach 9.745; the eleventh, at 5 s, makes 10.689.
        Assert.Equal(StreamScript.At(5), unguarded.Changes.Single(c => c.To == RiskLevel.Critical).At);
    }

    [Fact]
    public void Once_the_episode_has_a_strong_match_the_guarded_tenant_reaches_critical()
    {
        // Weak matches have pushed the score past 10 by 5 s, but Critical waits for the strong match at 6 s.
        var timeline = new StreamScript().Every(0.5, from: 0, to: 5.5, Frames.Weak()).Frame(6, Frames.Strong()).Run(RiskEngine.Default, until: 6);

        Assert.Equal(StreamScript.At(6), timeline.Changes.Single(c => c.To == RiskLevel.Critical).At);
        Assert.Equal(1, timeline.Final.EpisodeStrongMatches);
        Assert.Equal(12, timeline.Final.EpisodeWeakMatches);
    }

    [Fact]
    public void Without_level_skipping_each_match_raises_one_level()
    {
        var engine = new RiskEngine(RiskPolicyOptions.Default with { AllowLevelSkip = false });

        var timeline = StrongBurst().Run(engine, until: 3);

        // Scores 3, 5.983, 8.948, 11.897: Watch, Alert, (Alert), Critical.
        timeline.AssertTable("""
            time (s) | event             | detail
            0        | Clear -> Watch    | score 3 reached 1
            0.5      | Watch -> Alert    | score 5.983 reached 2.5
            0.5      | open incident     |
            1.5      | Alert -> Critical | score 11.897 reached 10
            """);
    }

    [Fact]
    public void Sampling_per_level_is_the_tenants()
    {
        var cheap = RiskPolicyOptions.Default with { WatchSampling = new SamplingPolicy(SamplingMode.KeyframesOnly, 2) };
        var engine = new RiskEngine(cheap);

        var watch = engine.Observe(RiskState.Start(StreamScript.Start), Frames.Weak(), StreamScript.Start);

        Assert.Equal(new SamplingPolicy(SamplingMode.KeyframesOnly, 2), watch.Sampling);
        Assert.Equal(cheap.WatchSampling, cheap.SamplingFor(RiskLevel.Watch));
        Assert.Throws<ArgumentOutOfRangeException>(() => cheap.SamplingFor((RiskLevel)9));
    }
}
