using System.Collections.Immutable;
using System.Runtime.CompilerServices;

using LiveWatch.Contracts.Risk;

namespace LiveWatch.Grains.Risk;

/// <summary>
/// The per-stream risk policy: from a stream's <see cref="RiskState"/> and its next frame (or just the passing of
/// time), the next state, its level changes, and whether to open an incident or run the platform's automatic
/// action. Pure and deterministic: no clock, no I/O, no hidden state; the same states, observations and times
/// always give the same assessments. One engine per policy is shared by every stream of the tenant and by every
/// thread. docs/risk.md describes the model.
/// </summary>
/// <remarks>
/// Step downs are computed in closed form from the last match, never by polling, so their times do not depend on
/// how often the engine is called: a grain may tick every second, at <see cref="RiskAssessment.NextStepDownAt"/>,
/// or never, and the batch scanner may only feed frames; the levels and change times come out the same.
/// </remarks>
public sealed class RiskEngine
{
    // At most three step downs (Critical to Clear) and one rise per call.
    private const int MaxChangesPerCall = 4;
    // DateTimeOffset.MaxValue.UtcTicks, as a constant: a static readonly field costs a class-initialisation check
    // on the hot path.
    private const long MaxTicks = 3_155_378_975_999_999_999;

    private readonly long _halfLifeTicks;
    private readonly long _quietTicks;
    private readonly double _strongWeight;
    private readonly double _weakWeight;
    private readonly int _strongCutoff;
    private readonly double _maxScore;
    private readonly double _watchEnter;
    private readonly double _alertEnter;
    private readonly double _criticalEnter;
    private readonly double _watchLeave;
    private readonly double _alertLeave;
    private readonly double _criticalLeave;
    private readonly bool _allowLevelSkip;
    private readonly bool _criticalRequiresStrongMatch;
    private readonly AutoAction _criticalAutoAction;
    private readonly SamplingPolicy[] _sampling;

    /// <summary>An engine for <paramref name="options"/>.</summary>
    /// <exception cref="ArgumentException">The options are invalid; the message lists every reason.</exception>
    public RiskEngine(RiskPolicyOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = options.Validate();
        if (errors.Count > 0)
        {
            throw new ArgumentException($"Invalid risk policy: {string.Join(" ", errors)}", nameof(options));
        }

        Options = options;
        _halfLifeTicks = options.ScoreHalfLife.Ticks;
        _quietTicks = options.QuietPeriod.Ticks;
        _strongWeight = options.StrongMatchWeight;
        _weakWeight = options.WeakMatchWeight;
        _strongCutoff = options.StrongDistanceCutoff;
        _maxScore = options.MaxScore;
        _watchEnter = options.WatchEnterThreshold;
        _alertEnter = options.AlertEnterThreshold;
        _criticalEnter = options.CriticalEnterThreshold;
        _watchLeave = options.WatchLeaveThreshold;
        _alertLeave = options.AlertLeaveThreshold;
        _criticalLeave = options.CriticalLeaveThreshold;
        _allowLevelSkip = options.AllowLevelSkip;
        _criticalRequiresStrongMatch = options.CriticalRequiresStrongMatch;
        _criticalAutoAction = options.CriticalAutoAction;
        _sampling = [options.ClearSampling, options.WatchSampling, options.AlertSampling, options.CriticalSampling];
    }

    /// <summary>An engine for <see cref="RiskPolicyOptions.Default"/>.</summary>
    public static RiskEngine Default { get; } = new(RiskPolicyOptions.Default);

    /// <summary>The policy this engine applies.</summary>
    public RiskPolicyOptions Options { get; }

    /// <summary>
    /// What a frame's best match means under this policy: beyond its bank's threshold, no match; in a negative
    /// bank, suppressed; at or below the strong cutoff, strong; otherwise weak.
    /// </summary>
    public ObservationKind Classify(RiskObservation observation)
    {
        if (!observation.IsWithinBankThreshold)
        {
            return ObservationKind.NoMatch;
        }

        if (observation.IsNegativeBank)
        {
            return ObservationKind.Suppressed;
        }

        return observation.Distance <= _strongCutoff ? ObservationKind.StrongMatch : ObservationKind.WeakMatch;
    }

    /// <summary>The stream's score at <paramref name="at"/>: its score at the last match, decayed since.</summary>
    public double ScoreAt(in RiskState state, DateTimeOffset at) =>
        state.LastMatchAt is { } lastMatch
            ? ScoreDecay.Decay(state.ScoreAtLastMatch, at.UtcTicks - lastMatch.UtcTicks, _halfLifeTicks)
            : state.ScoreAtLastMatch;

    /// <summary>
    /// When the stream will step down from its current level if no match comes before; null at Clear. Both
    /// conditions must hold: the score has decayed to the level's leave threshold, and the quiet period has passed
    /// since the last match.
    /// </summary>
    public DateTimeOffset? StepDownDueAt(in RiskState state) =>
        state.Level == RiskLevel.Clear
            ? null
            : ToTime(StepDownDue(state.Level, state.ScoreAtLastMatch, LastMatchTicks(state), out _));

    /// <summary>
    /// Takes one sampled frame into account at <paramref name="now"/>: first the step downs that fell due since
    /// the last call, then the frame. A frame older than the latest time already seen counts as if it came at that
    /// time (its weight is not back-dated, so lateness never makes a match weigh less).
    /// </summary>
    public RiskAssessment Observe(in RiskState state, RiskObservation observation, DateTimeOffset now) =>
        Advance(state, Classify(observation), isFrame: true, now);

    /// <summary>
    /// Lets time pass without a frame: applies the step downs due by <paramref name="now"/>. Changes nothing else,
    /// so ticking more or less often never changes a stream's timeline.
    /// </summary>
    public RiskAssessment Tick(in RiskState state, DateTimeOffset now) =>
        Advance(state, ObservationKind.NoMatch, isFrame: false, now);

    private RiskAssessment Advance(in RiskState state, ObservationKind kind, bool isFrame, DateTimeOffset now)
    {
        var nowTicks = Math.Max(now.UtcTicks, state.LastUpdatedAt.UtcTicks);
        var nowTime = ToTime(nowTicks);
        Span<RiskLevelChange> changes = stackalloc RiskLevelChange[MaxChangesPerCall];
        var changeCount = 0;

        var level = state.Level;
        var levelEnteredAt = state.LevelEnteredAt;
        var score = state.ScoreAtLastMatch;
        var lastMatchTicks = LastMatchTicks(state);
        var lastMatchAt = state.LastMatchAt;
        var episodeNumber = state.EpisodeNumber;
        var episodeStartedAt = state.EpisodeStartedAt;
        var incidentOpened = state.IncidentOpened;
        var episodeStrong = state.EpisodeStrongMatches;
        var episodeWeak = state.EpisodeWeakMatches;
        var frames = state.FramesObserved;
        var strong = state.StrongMatches;
        var weak = state.WeakMatches;
        var suppressed = state.SuppressedFrames;

        // Step downs due by now, each at the exact time it fell due. Leave thresholds rise with the level, so each
        // lower level falls due no earlier than the one above it.
        while (level != RiskLevel.Clear && nowTicks >= AddSaturating(lastMatchTicks, _quietTicks))
        {
            // Only past the quiet period can anything be due, so frames during it skip the logarithm below.
            var dueTicks = StepDownDue(level, score, lastMatchTicks, out var reason);
            if (dueTicks > nowTicks)
            {
                break;
            }

            var dueAt = ToTime(dueTicks);
            var lower = level - 1;
            changes[changeCount++] = new RiskLevelChange(
                level, lower, dueAt, reason, ScoreDecay.Decay(score, dueTicks - lastMatchTicks, _halfLifeTicks), LeaveThreshold(level));
            level = lower;
            levelEnteredAt = dueAt;
            if (level == RiskLevel.Clear)
            {
                // The episode is over: the next burst is a new one, with its own incident.
                episodeStartedAt = null;
                incidentOpened = false;
                episodeStrong = 0;
                episodeWeak = 0;
            }
        }

        var openIncident = false;
        var autoAction = AutoAction.None;
        if (isFrame)
        {
            frames++;
        }

        if (kind == ObservationKind.Suppressed)
        {
            suppressed++;
        }
        else if (kind is ObservationKind.StrongMatch or ObservationKind.WeakMatch)
        {
            var isStrong = kind == ObservationKind.StrongMatch;
            score = Math.Min(_maxScore, ScoreDecay.Decay(score, nowTicks - lastMatchTicks, _halfLifeTicks) + (isStrong ? _strongWeight : _weakWeight));
            lastMatchTicks = nowTicks;
            lastMatchAt = nowTime;
            if (isStrong)
            {
                strong++;
            }
            else
            {
                weak++;
            }

            // Episode counts are zero at Clear; this match is the first of an episode if it raises the level.
            var matchesStrong = (level == RiskLevel.Clear ? 0 : episodeStrong) + (isStrong ? 1 : 0);
            var matchesWeak = (level == RiskLevel.Clear ? 0 : episodeWeak) + (isStrong ? 0 : 1);
            var target = TargetLevel(score, matchesStrong > 0);
            if (target > level)
            {
                var raised = _allowLevelSkip ? target : level + 1;
                if (level == RiskLevel.Clear)
                {
                    episodeNumber++;
                    episodeStartedAt = nowTime;
                    incidentOpened = false;
                }

                changes[changeCount++] = new RiskLevelChange(
                    level, raised, nowTime, RiskLevelChangeReason.ScoreReachedEnterThreshold, score, EnterThreshold(raised));
                if (raised >= RiskLevel.Alert && !incidentOpened)
                {
                    openIncident = true;
                    incidentOpened = true;
                }

                if (raised == RiskLevel.Critical)
                {
                    autoAction = _criticalAutoAction;
                }

                level = raised;
                levelEnteredAt = nowTime;
            }

            if (level != RiskLevel.Clear)
            {
                episodeStrong = matchesStrong;
                episodeWeak = matchesWeak;
            }
        }

        var next = new RiskState(
            level, levelEnteredAt, score, lastMatchAt, nowTime, episodeNumber, episodeStartedAt, incidentOpened,
            episodeStrong, episodeWeak, frames, strong, weak, suppressed);
        return new RiskAssessment(
            this,
            next,
            nowTime,
            kind,
            changeCount == 0 ? [] : ImmutableArray.Create<RiskLevelChange>(changes[..changeCount]),
            openIncident,
            autoAction,
            _sampling[(int)level]);
    }

    /// <summary>The highest level whose enter threshold the score reaches (Critical only with a strong match if so configured).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private RiskLevel TargetLevel(double score, bool episodeHasStrongMatch)
    {
        if (score >= _criticalEnter && (episodeHasStrongMatch || !_criticalRequiresStrongMatch))
        {
            return RiskLevel.Critical;
        }

        if (score >= _alertEnter)
        {
            return RiskLevel.Alert;
        }

        return score >= _watchEnter ? RiskLevel.Watch : RiskLevel.Clear;
    }

    /// <summary>When <paramref name="level"/> steps down absent matches: the later of the decay and the quiet period.</summary>
    private long StepDownDue(RiskLevel level, double scoreAtLastMatch, long lastMatchTicks, out RiskLevelChangeReason reason)
    {
        var quietEnds = AddSaturating(lastMatchTicks, _quietTicks);
        var decayed = AddSaturating(lastMatchTicks, ScoreDecay.TicksUntilAtOrBelow(scoreAtLastMatch, LeaveThreshold(level), _halfLifeTicks));
        if (decayed >= quietEnds)
        {
            reason = RiskLevelChangeReason.ScoreDecayedToLeaveThreshold;
            return decayed;
        }

        reason = RiskLevelChangeReason.QuietPeriodElapsed;
        return quietEnds;
    }

    private double EnterThreshold(RiskLevel level) => level switch
    {
        RiskLevel.Watch => _watchEnter,
        RiskLevel.Alert => _alertEnter,
        _ => _criticalEnter,
    };

    private double LeaveThreshold(RiskLevel level) => level switch
    {
        RiskLevel.Watch => _watchLeave,
        RiskLevel.Alert => _alertLeave,
        _ => _criticalLeave,
    };

    // A state above Clear always has a last match; a hand-made one without falls back on when its level began.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static long LastMatchTicks(in RiskState state) =>
        (state.LastMatchAt ?? state.LevelEnteredAt).UtcTicks;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static long AddSaturating(long ticks, long add) => add > MaxTicks - ticks ? MaxTicks : ticks + add;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static DateTimeOffset ToTime(long utcTicks) => new(utcTicks, TimeSpan.Zero);
}
