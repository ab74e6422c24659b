using System.Globalization;

using LiveWatch.Contracts.Risk;

namespace LiveWatch.Grains.Risk;

/// <summary>
/// One change of a stream's level. Numbers rather than text, so that producing one costs no formatting; the
/// grain or the dashboard words it (<see cref="ToString"/> does, for logs).
/// </summary>
/// <param name="From">The level before.</param>
/// <param name="To">The level after.</param>
/// <param name="At">
/// When the change happened: the frame's time for a rise; for a step down, the exact time both conditions first
/// held, even if the engine only learned of it at a later frame or tick.
/// </param>
/// <param name="Reason">Why.</param>
/// <param name="Score">The score at <paramref name="At"/>.</param>
/// <param name="Threshold">The threshold that was reached: the enter threshold of <paramref name="To"/> for a rise, the leave threshold of <paramref name="From"/> for a step down.</param>
public readonly record struct RiskLevelChange(
    RiskLevel From,
    RiskLevel To,
    DateTimeOffset At,
    RiskLevelChangeReason Reason,
    double Score,
    double Threshold)
{
    /// <summary>Whether the level went up.</summary>
    public bool IsRise => To > From;

    /// <inheritdoc />
    public override string ToString()
    {
        var culture = CultureInfo.InvariantCulture;
        var why = Reason switch
        {
            RiskLevelChangeReason.ScoreReachedEnterThreshold =>
                string.Create(culture, $"score {Score:0.###} reached the {To} threshold {Threshold:0.###}"),
            RiskLevelChangeReason.ScoreDecayedToLeaveThreshold =>
                string.Create(culture, $"score decayed to the {From} leave threshold {Threshold:0.###}"),
            RiskLevelChangeReason.QuietPeriodElapsed =>
                string.Create(culture, $"quiet period over, score {Score:0.###} at or below the {From} leave threshold {Threshold:0.###}"),
            _ => Reason.ToString(),
        };
        return string.Create(culture, $"{From} -> {To} at {At:O}: {why}");
    }
}
