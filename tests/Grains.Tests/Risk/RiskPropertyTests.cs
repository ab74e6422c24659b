using CsCheck;
using LiveWatch.Grains.Risk;

using LiveWatch.Contracts.Risk;

namespace LiveWatch.Grains.Tests.Risk;

/// <summary>
/// Properties over random streams (random gaps, random best matches) and several policies: determinism,
/// independence from tick cadence, monotonicity in the evidence, and the episode and incident invariants.
/// </summary>
public sealed class RiskPropertyTests
{
    private const long TicksPerMillisecond = TimeSpan.TicksPerMillisecond;

    private static readonly RiskPolicyOptions[] Policies =
    [
        RiskPolicyOptions.Default,
        RiskPolicyOptions.Default with { AllowLevelSkip = false },
        RiskPolicyOptions.Default with { CriticalRequiresStrongMatch = false, CriticalAutoAction = AutoAction.Terminate },
        RiskPolicyOptions.Default with { ScoreHalfLife = TimeSpan.FromSeconds(5), QuietPeriod = TimeSpan.Zero },
        // Weak matches below Watch's enter threshold: evidence can build up while the stream stays Clear.
        RiskPolicyOptions.Default with { WeakMatchWeight = 0.4, QuietPeriod = TimeSpan.FromSeconds(20) },
    ];

    private static readonly RiskEngine[] Engines = [.. Policies.Select(p => new RiskEngine(p))];

    private static readonly Gen<RiskObservation> Observation = Gen.Frequency(
        (6, Gen.Const(RiskObservation.NoMatch)),
        (2, Gen.Int[17, 31].Select(d => RiskObservation.Nearest(d))),
        (2, Gen.Int[0, 16].Select(d => RiskObservation.Nearest(d))),
        (1, Gen.Int[0, 31].Select(d => RiskObservation.NearestInNegativeBank(d))),
        (1, Gen.Int[32, 64].Select(d => RiskObservation.Nearest(d))));

    // Gaps from a frame rate's to minutes of silence, so that every level is entered and left.
    private static readonly Gen<long> Gap = Gen.OneOf(Gen.Int[0, 1_000], Gen.Int[0, 30_000], Gen.Int[0, 400_000])
        .Select(ms => ms * TicksPerMillisecond);

    private static readonly Gen<(long Gap, RiskObservation Frame)> Step = Gen.Select(Gap, Observation);

    private static readonly Gen<(int Engine, (long Gap, RiskObservation Frame)[] Steps)> Stream =
        Gen.Select(Gen.Int[0, Engines.Length - 1], Step.Array[1, 250]);

    [Fact]
    public void The_random_streams_visit_every_level_and_every_kind_of_change()
    {
        // Guards the other properties against passing vacuously on streams that never leave Clear.
        var counts = new long[4 * 4];
        Stream.Sample(stream =>
        {
            foreach (var change in Replay(Engines[stream.Engine], Timed(stream.Steps)).SelectMany(a => a.Changes))
            {
                Interlocked.Increment(ref counts[((int)change.From * 4) + (int)change.To]);
            }
        }, iter: 300);

        foreach (var (from, to) in new[] { (0, 1), (0, 2), (1, 2), (2, 3), (3, 2), (2, 1), (1, 0) })
        {
            Assert.True(counts[(from * 4) + to] > 0, $"no {(RiskLevel)from} -> {(RiskLevel)to} in 300 random streams");
        }
    }

    [Fact]
    public void The_same_observations_always_give_the_same_timeline()
    {
        Stream.Sample(stream =>
        {
            var frames = Timed(stream.Steps);
            var first = Replay(Engines[stream.Engine], frames);
            var second = Replay(new RiskEngine(Policies[stream.Engine] with { }), frames);

            Assert.Equal(first, second);
        }, iter: 300);
    }

    [Fact]
    public void Ticks_in_between_never_change_the_timeline()
    {
        var ticked = Gen.Select(Stream, Gen.Double[0, 1].Array[250], Gen.Bool.Array[250]);
        ticked.Sample((stream, fractions, insert) =>
        {
            var engine = Engines[stream.Engine];
            var frames = Timed(stream.Steps);
            var withTicks = new List<(long Ticks, RiskObservation? Frame)>();
            var previous = frames[0].Ticks;
            for (var i = 0; i < frames.Count; i++)
            {
                if (insert[i])
                {
                    withTicks.Add((previous + (long)((frames[i].Ticks - previous) * fractions[i]), null));
                }

                withTicks.Add(frames[i]);
                previous = frames[i].Ticks;
            }

            var plain = Replay(engine, frames);
            var interleaved = Replay(engine, withTicks);

            // The same changes, though a tick may report a step down that a frame would have reported otherwise...
            Assert.Equal(plain.SelectMany(a => a.Changes), interleaved.SelectMany(a => a.Changes));
            // ...and after each frame the same state, score, incident and action.
            Assert.Equal(plain.Select(Outcome), interleaved.Where((_, i) => withTicks[i].Frame is not null).Select(Outcome));
        }, iter: 300);
    }

    [Fact]
    public void More_matches_never_give_a_lower_level()
    {
        Gen.Select(Stream, Gen.Int[0, 2].Array[250]).Sample((stream, upgrades) =>
        {
            var engine = Engines[stream.Engine];
            var frames = Timed(stream.Steps);
            // Turn some frames without a match (none, beyond threshold, allow-listed) into weak or strong matches.
            var more = frames.Select((f, i) => engine.Classify(f.Frame!.Value) is ObservationKind.NoMatch or ObservationKind.Suppressed && upgrades[i] > 0
                ? (f.Ticks, (RiskObservation?)RiskObservation.Nearest(upgrades[i] == 1 ? 24 : 8))
                : f).ToList();

            AssertNeverLower(engine, Replay(engine, more), Replay(engine, frames));
        }, iter: 500);
    }

    [Fact]
    public void Stronger_matches_never_give_a_lower_level()
    {
        Gen.Select(Stream, Gen.Int[0, 16].Array[250], Gen.Bool.Array[250]).Sample((stream, distances, strengthen) =>
        {
            var engine = Engines[stream.Engine];
            var frames = Timed(stream.Steps);
            var stronger = frames.Select((f, i) => engine.Classify(f.Frame!.Value) == ObservationKind.WeakMatch && strengthen[i]
                ? (f.Ticks, (RiskObservation?)RiskObservation.Nearest(distances[i]))
                : f).ToList();

            AssertNeverLower(engine, Replay(engine, stronger), Replay(engine, frames));
        }, iter: 500);
    }

    [Fact]
    public void An_allow_listed_frame_weighs_exactly_as_much_as_no_match()
    {
        Gen.Select(Stream, Gen.Bool.Array[250]).Sample((stream, allow) =>
        {
            var engine = Engines[stream.Engine];
            var frames = Timed(stream.Steps);
            var allowed = frames.Select((f, i) => engine.Classify(f.Frame!.Value) == ObservationKind.NoMatch && allow[i]
                ? (f.Ticks, (RiskObservation?)RiskObservation.NearestInNegativeBank(3))
                : f).ToList();

            var plain = Replay(engine, frames);
            var withAllowed = Replay(engine, allowed);

            Assert.Equal(plain.Select(a => a.State with { SuppressedFrames = 0 }), withAllowed.Select(a => a.State with { SuppressedFrames = 0 }));
            Assert.Equal(plain.SelectMany(a => a.Changes), withAllowed.SelectMany(a => a.Changes));
        }, iter: 300);
    }

    [Fact]
    public void Episodes_incidents_and_actions_keep_their_invariants()
    {
        Stream.Sample(stream =>
        {
            var engine = Engines[stream.Engine];
            var options = engine.Options;
            var assessments = Replay(engine, Timed(stream.Steps));
            var previousAt = DateTimeOffset.MinValue;
            var previousLevel = RiskLevel.Clear;
            var episodesReachingAlert = 0;
            var reachedAlertThisEpisode = false;
            foreach (var a in assessments)
            {
                Assert.InRange(a.Score, 0, options.MaxScore);
                Assert.Equal(a.Level == RiskLevel.Clear, a.State.EpisodeStartedAt is null);
                Assert.Equal(a.Level == RiskLevel.Clear, a.NextStepDownAt is null);
                Assert.True(a.NextStepDownAt is null || a.NextStepDownAt > a.At);
                Assert.Equal(a.Sampling, options.SamplingFor(a.Level));

                var level = previousLevel;
                foreach (var change in a.Changes)
                {
                    Assert.Equal(level, change.From);
                    Assert.True(change.IsRise || change.To == change.From - 1, "steps down one level at a time");
                    if (change.IsRise)
                    {
                        Assert.Equal(a.At, change.At);
                    }
                    else
                    {
                        // Due after the previous call (or that call would have applied it), and by this one.
                        Assert.True(change.At > previousAt && change.At <= a.At, "a step down is reported by the first call at or after its time");
                    }

                    if (change.From == RiskLevel.Clear)
                    {
                        reachedAlertThisEpisode = false;
                    }

                    if (change.To >= RiskLevel.Alert && !reachedAlertThisEpisode)
                    {
                        reachedAlertThisEpisode = true;
                        episodesReachingAlert++;
                    }

                    level = change.To;
                }

                Assert.Equal(level, a.Level);
                var rose = a.Changes.Length > 0 && a.Changes[^1].IsRise ? a.Changes[^1] : (RiskLevelChange?)null;
                Assert.True(!a.OpenIncident || rose?.To >= RiskLevel.Alert, "an incident is asked for only on entering Alert or Critical");
                Assert.Equal(rose?.To == RiskLevel.Critical ? options.CriticalAutoAction : AutoAction.None, a.AutoAction);
                Assert.True(!(options.CriticalRequiresStrongMatch && a.Level == RiskLevel.Critical) || a.State.EpisodeStrongMatches > 0);
                previousAt = a.At;
                previousLevel = a.Level;
            }

            Assert.Equal(episodesReachingAlert, assessments.Count(a => a.OpenIncident));
            Assert.Equal(assessments.Count, assessments[^1].State.FramesObserved);
        }, iter: 500);
    }

    private static (RiskState, double, bool, AutoAction, DateTimeOffset?) Outcome(RiskAssessment a) =>
        (a.State, a.Score, a.OpenIncident, a.AutoAction, a.NextStepDownAt);

    /// <summary>Absolute frame times from the gaps (starting at the script's start).</summary>
    private static List<(long Ticks, RiskObservation? Frame)> Timed((long Gap, RiskObservation Frame)[] steps)
    {
        var frames = new List<(long Ticks, RiskObservation? Frame)>(steps.Length);
        var ticks = StreamScript.Start.UtcTicks;
        foreach (var (gap, frame) in steps)
        {
            ticks += gap;
            frames.Add((ticks, frame));
        }

        return frames;
    }

    private static List<RiskAssessment> Replay(RiskEngine engine, IReadOnlyList<(long Ticks, RiskObservation? Frame)> steps)
    {
        var state = RiskState.Start(StreamScript.Start);
        var assessments = new List<RiskAssessment>(steps.Count);
        foreach (var (ticks, frame) in steps)
        {
            var now = new DateTimeOffset(ticks, TimeSpan.Zero);
            var assessment = frame is { } observed ? engine.Observe(state, observed, now) : engine.Tick(state, now);
            assessments.Add(assessment);
            state = assessment.State;
        }

        return assessments;
    }

    private static void AssertNeverLower(RiskEngine engine, List<RiskAssessment> more, List<RiskAssessment> fewer)
    {
        for (var i = 0; i < fewer.Count; i++)
        {
            Assert.True(more[i].Level >= fewer[i].Level, $"frame {i}: {more[i].Level} with more evidence, {fewer[i].Level} with less");
            Assert.True(more[i].Score >= fewer[i].Score, $"frame {i}: score {more[i].Score} with more evidence, {fewer[i].Score} with less");
        }

        // And after the last frame, while both step down.
        var last = fewer[^1].At;
        foreach (var seconds in new[] { 1, 30, 90, 150, 240, 400, 1000 })
        {
            var later = last.AddSeconds(seconds);
            Assert.True(engine.Tick(more[^1].State, later).Level >= engine.Tick(fewer[^1].State, later).Level, $"{seconds} s after the last frame");
        }
    }
}
