using System.Collections.Immutable;

using LiveWatch.Contracts.Risk;

namespace LiveWatch.Grains.Risk;

/// <summary>
/// What <see cref="RiskEngine"/> concluded from one frame or tick: the state to keep, what changed and what the
/// caller must do now. A value (no allocation per frame); only a frame that changes the level allocates, for
/// <see cref="Changes"/>. <see cref="Score"/> and <see cref="NextStepDownAt"/> are computed when read, so a caller
/// that does not need them does not pay for their exponential and logarithm.
/// </summary>
public readonly record struct RiskAssessment
{
    private readonly ImmutableArray<RiskLevelChange> _changes;
    private readonly RiskEngine? _engine;

    internal RiskAssessment(
        RiskEngine engine,
        RiskState state,
        DateTimeOffset at,
        ObservationKind observation,
        ImmutableArray<RiskLevelChange> changes,
        bool openIncident,
        AutoAction autoAction,
        SamplingPolicy sampling)
    {
        _engine = engine;
        State = state;
        At = at;
        Observation = observation;
        _changes = changes;
        OpenIncident = openIncident;
        AutoAction = autoAction;
        Sampling = sampling;
    }

    /// <summary>The new state: persist it and pass it to the next call.</summary>
    public RiskState State { get; }

    /// <summary>The stream's level now.</summary>
    public RiskLevel Level => State.Level;

    /// <summary>
    /// The time this assessment is for: the frame's or tick's time, or the latest time already seen if that was
    /// later (a late frame counts as if it came then).
    /// </summary>
    public DateTimeOffset At { get; }

    /// <summary>How the frame was classified; <see cref="ObservationKind.NoMatch"/> for a tick.</summary>
    public ObservationKind Observation { get; }

    /// <summary>The score at <see cref="At"/>, decayed.</summary>
    public double Score => _engine?.ScoreAt(State, At) ?? 0;

    /// <summary>The level changes, in time order: step downs that fell due since the last call, then at most one rise.</summary>
    public ImmutableArray<RiskLevelChange> Changes => _changes.IsDefault ? [] : _changes;

    /// <summary>
    /// Whether to open an incident and notify moderators now: the stream entered Alert or Critical and its episode
    /// had not asked yet. At most once per episode.
    /// </summary>
    public bool OpenIncident { get; }

    /// <summary>
    /// The automatic action to ask the platform for now, or <see cref="Risk.AutoAction.None"/>. Set only on the
    /// call that enters Critical, and only if the tenant opted in.
    /// </summary>
    public AutoAction AutoAction { get; }

    /// <summary>Whether an automatic action is due now.</summary>
    public bool IsAutoActionDue => AutoAction != AutoAction.None;

    /// <summary>How the stream should be sampled from now on (the policy of <see cref="Level"/>).</summary>
    public SamplingPolicy Sampling { get; }

    /// <summary>
    /// When the stream will step down a level if no match comes before; null at Clear. A grain can set its timer or
    /// reminder for this time instead of ticking on a fixed period.
    /// </summary>
    public DateTimeOffset? NextStepDownAt => _engine?.StepDownDueAt(State);

    /// <summary>Value equality, <see cref="Changes"/> compared element by element (not by array reference).</summary>
    public bool Equals(RiskAssessment other) =>
        State == other.State
        && At == other.At
        && Observation == other.Observation
        && Score.Equals(other.Score)
        && Changes.AsSpan().SequenceEqual(other.Changes.AsSpan())
        && OpenIncident == other.OpenIncident
        && AutoAction == other.AutoAction
        && Sampling == other.Sampling
        && NextStepDownAt == other.NextStepDownAt;

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(State, At, Score, Changes.Length, OpenIncident, AutoAction);
}
