using LiveWatch.Grains.Risk;

using LiveWatch.Contracts.Risk;

namespace LiveWatch.Grains.Tests.Risk;

/// <summary>
/// Exact level timelines of scripted streams under the default policy (half-life 60 s, strong 3, weak 1, enter
/// 1 / 2.5 / 10, leave 0.5 / 1.5 / 6, quiet period 120 s, cap 16). The expected times were worked out from
/// score(t) = score(t0) * 2^(-(t - t0) / 60) by hand, not read back from the engine; each table says how.
/// </summary>
public sealed class RiskTimelineTests
{
    private static readonly RiskEngine Engine = RiskEngine.Default;

    [Fact]
    public void One_strong_match_raises_alert_at_once_and_steps_down_only_after_decay_and_quiet()
    {
        var timeline = new StreamScript().Frame(0, Frames.Strong()).Run(Engine, until: 400);

        // Alert -> Watch: the score is 1.5 at 60 s (one half-life) but the quiet period holds Alert until 120 s.
        // Watch -> Clear: the quiet period is over, so the score decides: 3 * 2^(-t/60) = 0.5 at 60 * log2(6) = 155.098 s.
        timeline.AssertTable("""
            time (s) | event          | detail
            0        | Clear -> Alert | score 3 reached 2.5
            0        | open incident  |
            120      | Alert -> Watch | quiet period over, score 0.75
            155.098  | Watch -> Clear | score decayed to 0.5
            """);
        Assert.Equal(1, timeline.IncidentsOpened);
        Assert.Equal(RiskLevel.Clear, timeline.Final.Level);
        Assert.Equal(1, timeline.Final.EpisodeNumber);
    }

    [Fact]
    public void Weak_matches_every_five_seconds_reach_watch_then_alert_and_never_critical()
    {
        var timeline = new StreamScript().Every(5, from: 0, to: 60, Frames.Weak()).Run(Engine, until: 600);

        // 0 s: 1; 5 s: 1 * 2^(-5/60) + 1 = 1.944; 10 s: 1.944 * 2^(-5/60) + 1 = 2.835 >= 2.5.
        // By 60 s the score is 9.409, below Critical's 10, and weak-only episodes never reach Critical anyway.
        // Alert -> Watch when 9.409 * 2^(-(t-60)/60) = 1.5: t = 218.941 (the quiet period ended at 180).
        // Watch -> Clear when it is 0.5: t = 60 + 60 * log2(9.409 / 0.5) = 314.039.
        timeline.AssertTable("""
            time (s) | event          | detail
            0        | Clear -> Watch | score 1 reached 1
            10       | Watch -> Alert | score 2.835 reached 2.5
            10       | open incident  |
            218.941  | Alert -> Watch | score decayed to 1.5
            314.039  | Watch -> Clear | score decayed to 0.5
            """);
        Assert.Equal(13, timeline.Final.WeakMatches);
    }

    [Fact]
    public void A_strong_burst_reaches_critical_and_steps_down_one_level_at_a_time()
    {
        var timeline = new StreamScript().Every(0.5, from: 0, to: 3, Frames.Strong()).Run(Engine, until: 600);

        // Scores at 0, 0.5, 1, 1.5 s: 3, 5.983, 8.948, 11.897 (>= 10); then 14.828 and the cap 16 at 2.5 and 3 s.
        // Critical -> Alert: 16 decays to 6 at 3 + 84.9 s, but quiet lasts until 123 s, when the score is 16/4 = 4.
        // Alert -> Watch at 3 + 60 * log2(16 / 1.5) = 207.902; Watch -> Clear at 3 + 60 * log2(16 / 0.5) = 303.
        timeline.AssertTable("""
            time (s) | event             | detail
            0        | Clear -> Alert    | score 3 reached 2.5
            0        | open incident     |
            1.5      | Alert -> Critical | score 11.897 reached 10
            123      | Critical -> Alert | quiet period over, score 4
            207.902  | Alert -> Watch    | score decayed to 1.5
            303      | Watch -> Clear    | score decayed to 0.5
            """);
        Assert.Equal(16, timeline.Assessments[6].Score);
    }

    [Fact]
    public void Negative_bank_matches_never_raise_the_level()
    {
        var timeline = new StreamScript().Every(0.25, from: 0, to: 60, Frames.Allowed(distance: 0)).Run(Engine, until: 120);

        timeline.AssertTable("time (s) | event | detail");
        Assert.All(timeline.Assessments, a => Assert.Equal(RiskLevel.Clear, a.Level));
        Assert.Equal(241, timeline.Final.SuppressedFrames);
        Assert.Equal(0, timeline.Final.StrongMatches + timeline.Final.WeakMatches);
        Assert.Null(timeline.Final.LastMatchAt);
    }

    [Fact]
    public void A_suppressed_frame_between_matches_is_neither_a_match_nor_a_reset()
    {
        // The allow-listed frames at 30..90 s neither add to the score nor restart the quiet period.
        var withAllowed = new StreamScript().Frame(0, Frames.Strong()).Every(1, 30, 90, Frames.Allowed()).Run(Engine, until: 400);
        var without = new StreamScript().Frame(0, Frames.Strong()).Run(Engine, until: 400);

        Assert.Equal(without.Table(), withAllowed.Table());
    }

    [Fact]
    public void A_second_burst_in_the_same_episode_does_not_open_a_second_incident()
    {
        var timeline = new StreamScript().Frame(0, Frames.Strong()).Frame(140, Frames.Strong()).Run(Engine, until: 600);

        // At 140 s the stream is at Watch (since 120 s), still in its first episode: 3 * 2^(-140/60) + 3 = 3.595.
        // Then Alert holds until the quiet period ends at 260 s (score 3.595 / 4 = 0.899, already below 1.5), and
        // Watch until 3.595 * 2^(-(t-140)/60) = 0.5 at t = 310.766.
        timeline.AssertTable("""
            time (s) | event          | detail
            0        | Clear -> Alert | score 3 reached 2.5
            0        | open incident  |
            120      | Alert -> Watch | quiet period over, score 0.75
            140      | Watch -> Alert | score 3.595 reached 2.5
            260      | Alert -> Watch | quiet period over, score 0.899
            310.766  | Watch -> Clear | score decayed to 0.5
            """);
        Assert.Equal(1, timeline.IncidentsOpened);
        Assert.Equal(1, timeline.Final.EpisodeNumber);
    }

    [Fact]
    public void After_returning_to_clear_a_new_burst_is_a_new_episode_with_its_own_incident()
    {
        var timeline = new StreamScript().Frame(0, Frames.Strong()).Frame(200, Frames.Strong()).Run(Engine, until: 210);

        // Clear at 155.098 s ends the first episode; at 200 s the leftover score is 3 * 2^(-200/60) = 0.298.
        timeline.AssertTable("""
            time (s) | event          | detail
            0        | Clear -> Alert | score 3 reached 2.5
            0        | open incident  |
            120      | Alert -> Watch | quiet period over, score 0.75
            155.098  | Watch -> Clear | score decayed to 0.5
            200      | Clear -> Alert | score 3.298 reached 2.5
            200      | open incident  |
            """);
        Assert.Equal(2, timeline.Final.EpisodeNumber);
        Assert.Equal(StreamScript.At(200), timeline.Final.EpisodeStartedAt);
        Assert.Equal(1, timeline.Final.EpisodeStrongMatches);
    }

    [Fact]
    public void A_match_during_the_quiet_period_restarts_it()
    {
        // A weak match at 100 s keeps Alert (score 3 * 2^(-100/60) + 1 = 1.945, below 2.5 but Alert never falls
        // on a match) and pushes the quiet period to 220 s; 1.945 * 2^(-(t-100)/60) = 0.5 at t = 217.56 < 220.
        var timeline = new StreamScript().Frame(0, Frames.Strong()).Frame(100, Frames.Weak()).Run(Engine, until: 600);

        timeline.AssertTable("""
            time (s) | event          | detail
            0        | Clear -> Alert | score 3 reached 2.5
            0        | open incident  |
            220      | Alert -> Watch | quiet period over, score 0.486
            220      | Watch -> Clear | quiet period over, score 0.486
            """);
    }

    [Fact]
    public void Frames_without_a_match_change_nothing_but_the_frame_count()
    {
        var timeline = new StreamScript().Every(1, 0, 59, Frames.None).Every(1, 60, 119, Frames.Beyond()).Run(Engine, until: 120);

        timeline.AssertTable("time (s) | event | detail");
        Assert.Equal(120, timeline.Final.FramesObserved);
        Assert.All(timeline.Assessments, a => Assert.Equal(ObservationKind.NoMatch, a.Observation));
    }

    [Fact]
    public void Step_down_times_do_not_depend_on_how_often_the_stream_is_ticked()
    {
        var engine = Engine;
        var script = () => new StreamScript().Every(0.5, 0, 3, Frames.Strong()).Frame(150, Frames.Weak());
        var never = script().Run(engine, until: 900);
        var everySecond = script().TickEvery(1, 0, 900).Run(engine, until: 900);
        var everyTenthOfASecond = script().TickEvery(0.1, 0, 900).Run(engine, until: 900);
        var irregular = script().Frame(7.3, Frames.None).TickEvery(37, 11, 800).Run(engine, until: 900);

        Assert.Equal(never.Changes, everySecond.Changes);
        Assert.Equal(never.Changes, everyTenthOfASecond.Changes);
        Assert.Equal(never.Changes, irregular.Changes);
        Assert.Equal(never.Final with { FramesObserved = 0 }, irregular.Final with { FramesObserved = 0 });
    }

    [Fact]
    public void A_late_tick_reports_every_step_down_that_fell_due_at_its_own_time()
    {
        var state = Engine.Observe(RiskState.Start(StreamScript.Start), Frames.Strong(), StreamScript.At(3)).State;

        var late = Engine.Tick(state, StreamScript.At(1000));

        Assert.Equal([RiskLevel.Watch, RiskLevel.Clear], late.Changes.Select(c => c.To));
        Assert.Equal([StreamScript.At(123), StreamScript.At(3) + StreamScript.Seconds(60 * Math.Log2(6))],
            late.Changes.Select(c => c.At), new WithinOneTick());
        Assert.Equal(late.Changes[^1].At, late.State.LevelEnteredAt);
        Assert.Null(late.State.EpisodeStartedAt);
        Assert.False(late.State.IncidentOpened);
    }

    [Fact]
    public void Next_step_down_is_announced_with_each_assessment()
    {
        var first = Engine.Observe(RiskState.Start(StreamScript.Start), Frames.Strong(), StreamScript.Start);
        Assert.Equal(StreamScript.At(120), first.NextStepDownAt);

        var atWatch = Engine.Tick(first.State, StreamScript.At(120));
        Assert.Equal(RiskLevel.Watch, atWatch.Level);
        Assert.Equal(StreamScript.At(60 * Math.Log2(6)), atWatch.NextStepDownAt!.Value, new WithinOneTick());

        var clear = Engine.Tick(atWatch.State, atWatch.NextStepDownAt.Value);
        Assert.Equal(RiskLevel.Clear, clear.Level);
        Assert.Null(clear.NextStepDownAt);
        Assert.Null(Engine.StepDownDueAt(clear.State));
    }

    [Fact]
    public void A_late_frame_counts_as_if_it_came_at_the_latest_time_seen()
    {
        var ticked = Engine.Tick(RiskState.Start(StreamScript.Start), StreamScript.At(10));

        var late = Engine.Observe(ticked.State, Frames.Strong(), StreamScript.At(5));

        Assert.Equal(StreamScript.At(10), late.At);
        Assert.Equal(StreamScript.At(10), late.State.LastMatchAt);
        Assert.Equal(StreamScript.At(10), late.Changes.Single().At);
        Assert.Equal(3, late.Score);
        Assert.Equal(StreamScript.At(130), late.NextStepDownAt);
    }

    [Fact]
    public void The_default_state_is_a_fresh_stream()
    {
        var assessment = Engine.Observe(default, Frames.Weak(), StreamScript.Start);

        Assert.Equal(RiskLevel.Watch, assessment.Level);
        Assert.Equal(1, assessment.State.EpisodeNumber);
        Assert.Equal(1, assessment.State.FramesObserved);
        Assert.Empty(default(RiskAssessment).Changes);
    }

    [Fact]
    public void Each_assessment_carries_the_sampling_of_its_level()
    {
        var options = RiskPolicyOptions.Default;
        var state = RiskState.Start(StreamScript.Start);
        var clear = Engine.Observe(state, Frames.None, StreamScript.At(0));
        var watch = Engine.Observe(clear.State, Frames.Weak(), StreamScript.At(1));
        var alert = Engine.Observe(watch.State, Frames.Strong(), StreamScript.At(2));
        var critical = Engine.Observe(Engine.Observe(Engine.Observe(alert.State, Frames.Strong(), StreamScript.At(3)).State,
            Frames.Strong(), StreamScript.At(4)).State, Frames.Strong(), StreamScript.At(5));

        Assert.Equal(new SamplingPolicy(SamplingMode.KeyframesOnly, 1), clear.Sampling);
        Assert.Equal(new SamplingPolicy(SamplingMode.FullDecode, 4), watch.Sampling);
        Assert.Equal(new SamplingPolicy(SamplingMode.FullDecode, 2), alert.Sampling);
        Assert.Equal(RiskLevel.Critical, critical.Level);
        Assert.Equal(options.CriticalSampling, critical.Sampling);
        Assert.Equal("FullDecode at 4 fps", watch.Sampling.ToString());
    }

    private sealed class WithinOneTick : IEqualityComparer<DateTimeOffset>
    {
        // Expected step-down times computed here in double seconds may land one 100 ns tick off the engine's,
        // which rounds each exact crossing up to the next whole tick.
        public bool Equals(DateTimeOffset x, DateTimeOffset y) => Math.Abs(x.UtcTicks - y.UtcTicks) <= 1;

        public int GetHashCode(DateTimeOffset obj) => 0;
    }
}
