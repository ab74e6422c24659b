using LiveWatch.Grains.Risk;

using LiveWatch.Contracts.Risk;

namespace LiveWatch.Grains.Tests.Risk;

/// <summary>Levels are left at lower scores than they are entered at, and only after a quiet period: no flapping.</summary>
public sealed class HysteresisTests
{
    // A weak match every 40 s: the score climbs to a steady swing between about 1.69 (just before a match) and 2.69
    // (just after), crossing Alert's enter threshold 2.5 twice in each 40 s.
    private static StreamScript WeakEveryFortySeconds() => new StreamScript().Every(40, from: 0, to: 400, Frames.Weak());

    [Fact]
    public void A_score_swinging_around_the_alert_threshold_enters_alert_once_and_stays()
    {
        var timeline = WeakEveryFortySeconds().Run(RiskEngine.Default, until: 1000);

        // Before each match the score is 1.0, 1.63, 2.027, 2.277, 2.434 (still Watch), then 2.534 at 200 s: Alert.
        // Its low points (1.596 and up) stay above Alert's leave threshold 1.5, and 40 s gaps never complete the
        // 120 s quiet period. After the last match (2.686 at 400 s): Alert until the quiet period ends at 520 s,
        // Watch until 2.686 * 2^(-(t-400)/60) = 0.5 at t = 545.517.
        timeline.AssertTable("""
            time (s) | event          | detail
            0        | Clear -> Watch | score 1 reached 1
            200      | Watch -> Alert | score 2.534 reached 2.5
            200      | open incident  |
            520      | Alert -> Watch | quiet period over, score 0.671
            545.517  | Watch -> Clear | score decayed to 0.5
            """);
    }

    [Fact]
    public void Without_hysteresis_the_same_stream_would_flap()
    {
        // Leave thresholds just under the enter thresholds and no quiet period: what the defaults prevent.
        var flappy = new RiskEngine(RiskPolicyOptions.Default with
        {
            WatchLeaveThreshold = 0.99,
            AlertLeaveThreshold = 2.49,
            QuietPeriod = TimeSpan.Zero,
        });

        var timeline = WeakEveryFortySeconds().Run(flappy, until: 400);

        // Alert at 200, 240, 280, 320, 360, 400 s, and back to Watch a second or two after each but the last.
        var changes = timeline.Changes;
        Assert.Equal(6, changes.Count(c => c is { From: RiskLevel.Watch, To: RiskLevel.Alert }));
        Assert.Equal(5, changes.Count(c => c is { From: RiskLevel.Alert, To: RiskLevel.Watch }));
        // Even flapping, the episode that reached Alert never ended (Watch's low points stay above 0.99): one incident.
        Assert.Equal(1, timeline.IncidentsOpened);
    }

    [Fact]
    public void A_score_swinging_around_the_watch_threshold_does_not_flap_either()
    {
        // A weak match every 70 s swings the score between about 0.8 and 1.8 around Watch's enter threshold 1;
        // Watch's leave threshold is 0.5.
        var timeline = new StreamScript().Every(70, from: 0, to: 700, Frames.Weak()).Run(RiskEngine.Default, until: 700);

        Assert.Equal([new RiskLevelChange(RiskLevel.Clear, RiskLevel.Watch, StreamScript.Start,
            RiskLevelChangeReason.ScoreReachedEnterThreshold, 1, 1)], timeline.Changes);
        Assert.Equal(1, timeline.Final.EpisodeNumber);
    }

    [Fact]
    public void Decay_alone_does_not_step_down_before_the_quiet_period()
    {
        var engine = RiskEngine.Default;
        var alert = engine.Observe(RiskState.Start(StreamScript.Start), Frames.Strong(), StreamScript.Start).State;

        // At 119 s the score (0.76) is far below Alert's leave threshold 1.5; the quiet period is not over.
        var before = engine.Tick(alert, StreamScript.At(119));
        var after = engine.Tick(alert, StreamScript.At(120));

        Assert.True(before.Score < 1.5);
        Assert.Equal(RiskLevel.Alert, before.Level);
        Assert.Equal(RiskLevel.Watch, after.Level);
    }

    [Fact]
    public void The_quiet_period_alone_does_not_step_down_before_the_decay()
    {
        // Quiet period 10 s: from the cap, the score takes 5 half-lives (300 s) to decay to Watch's leave threshold.
        var engine = new RiskEngine(RiskPolicyOptions.Default with { QuietPeriod = TimeSpan.FromSeconds(10) });
        var timeline = new StreamScript().Every(0.5, 0, 5, Frames.Strong()).Run(engine, until: 600);

        var clear = timeline.Changes.Single(c => c.To == RiskLevel.Clear);
        Assert.Equal(StreamScript.At(305), clear.At);
        Assert.Equal(RiskLevelChangeReason.ScoreDecayedToLeaveThreshold, clear.Reason);
    }
}
