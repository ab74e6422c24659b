using LiveWatch.Contracts.Risk;

namespace LiveWatch.Grains.Risk;

/// <summary>
/// The numbers of one platform's risk policy. Start from <see cref="Default"/> and override per tenant with a
/// <c>with</c> expression (<c>RiskPolicyOptions.Default with { CriticalAutoAction = AutoAction.Blur }</c>); check the
/// result with <see cref="Validate"/> (the <see cref="RiskEngine"/> constructor refuses invalid options). The record
/// holds only plain values, so it can be stored per tenant as it is. docs/risk.md explains the defaults.
/// </summary>
public sealed record RiskPolicyOptions
{
    /// <summary>LiveWatch's defaults (see each property, and docs/risk.md for why).</summary>
    public static RiskPolicyOptions Default { get; } = new();

    /// <summary>
    /// Time for the score to halve without matches. Default 60 s: a match still weighs half a minute later, a
    /// quarter two minutes later.
    /// </summary>
    public TimeSpan ScoreHalfLife { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Score added by a strong match. Default 3, above <see cref="AlertEnterThreshold"/>: one strong match alone
    /// opens an incident (distance 16 or less is near-certain for PDQ).
    /// </summary>
    public double StrongMatchWeight { get; init; } = 3.0;

    /// <summary>
    /// Score added by a weak match. Default 1, equal to <see cref="WatchEnterThreshold"/>: any weak match starts burst
    /// sampling, and three within about 17 s (each one decayed by the time the next comes) reach Alert.
    /// </summary>
    public double WeakMatchWeight { get; init; } = 1.0;

    /// <summary>
    /// A match at this Hamming distance or closer is strong; farther but within its bank's threshold, weak. Default
    /// 16, half of the usual PDQ threshold 31.
    /// </summary>
    public int StrongDistanceCutoff { get; init; } = 16;

    /// <summary>A stream at Clear rises to Watch when its score reaches this (inclusive). Default 1.</summary>
    public double WatchEnterThreshold { get; init; } = 1.0;

    /// <summary>A stream at Watch or below rises to Alert when its score reaches this (inclusive). Default 2.5.</summary>
    public double AlertEnterThreshold { get; init; } = 2.5;

    /// <summary>
    /// A stream rises to Critical when its score reaches this (inclusive). Default 10: about four strong matches
    /// within seconds, which Alert's sampling rate finds in under two seconds when the material keeps playing.
    /// </summary>
    public double CriticalEnterThreshold { get; init; } = 10.0;

    /// <summary>
    /// A stream at Watch falls to Clear once its decaying score is at or below this and <see cref="QuietPeriod"/> has
    /// passed since its last match. Default 0.5 (one weak match decays to it in one half-life). Must be positive.
    /// </summary>
    public double WatchLeaveThreshold { get; init; } = 0.5;

    /// <summary>Like <see cref="WatchLeaveThreshold"/>, from Alert to Watch. Default 1.5.</summary>
    public double AlertLeaveThreshold { get; init; } = 1.5;

    /// <summary>Like <see cref="WatchLeaveThreshold"/>, from Critical to Alert. Default 6.</summary>
    public double CriticalLeaveThreshold { get; init; } = 6.0;

    /// <summary>
    /// The score never exceeds this. It bounds how long a stream that matched for an hour stays flagged after the
    /// material stops (with the defaults: Clear at most 300 s after the last match). Default 16.
    /// </summary>
    public double MaxScore { get; init; } = 16.0;

    /// <summary>
    /// No level is left until this long has passed without a match, whatever the score. Default 120 s: material is
    /// often shown, cut away from and shown again, and a stream that showed it once is watched closely for two
    /// minutes (in Watch, about 480 burst-sampled frames).
    /// </summary>
    public TimeSpan QuietPeriod { get; init; } = TimeSpan.FromSeconds(120);

    /// <summary>
    /// Whether one match may raise a stream by more than one level (Clear straight to Alert or Critical) when the
    /// score allows. Default true, so that a single strong match opens an incident at once. When false, each
    /// match raises at most one level.
    /// </summary>
    public bool AllowLevelSkip { get; init; } = true;

    /// <summary>
    /// Whether Critical needs at least one strong match in the current episode. Default true: automatic actions
    /// must not rest on weak matches alone, however many; a weak-only stream stops at Alert, where people decide.
    /// </summary>
    public bool CriticalRequiresStrongMatch { get; init; } = true;

    /// <summary>
    /// What to ask the platform to do when a stream enters Critical. Default <see cref="AutoAction.None"/>; a
    /// platform opts in per tenant.
    /// </summary>
    public AutoAction CriticalAutoAction { get; init; } = AutoAction.None;

    /// <summary>Sampling at Clear. Default keyframes only, 1 frame per second: cheap, for every stream.</summary>
    public SamplingPolicy ClearSampling { get; init; } = new(SamplingMode.KeyframesOnly, 1);

    /// <summary>
    /// Sampling at Watch. Default full decode at 4 fps: a burst to confirm or dismiss a match quickly, whatever
    /// the stream's keyframe interval.
    /// </summary>
    public SamplingPolicy WatchSampling { get; init; } = new(SamplingMode.FullDecode, 4);

    /// <summary>Sampling at Alert. Default full decode at 2 fps: enough evidence for the incident and for Critical.</summary>
    public SamplingPolicy AlertSampling { get; init; } = new(SamplingMode.FullDecode, 2);

    /// <summary>Sampling at Critical. Default full decode at 2 fps.</summary>
    public SamplingPolicy CriticalSampling { get; init; } = new(SamplingMode.FullDecode, 2);

    /// <summary>The sampling for a level.</summary>
    public SamplingPolicy SamplingFor(RiskLevel level) => level switch
    {
        RiskLevel.Clear => ClearSampling,
        RiskLevel.Watch => WatchSampling,
        RiskLevel.Alert => AlertSampling,
        RiskLevel.Critical => CriticalSampling,
        _ => throw new ArgumentOutOfRangeException(nameof(level), level, "Not a risk level."),
    };

    /// <summary>Every reason these options are unusable, one sentence each; empty when they are valid.</summary>
    public IReadOnlyList<string> Validate() => RiskPolicyOptionsRules.Check(this);
}
