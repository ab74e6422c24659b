using LiveWatch.Contracts.Risk;

namespace LiveWatch.Grains.Risk;

/// <summary>Why a stream's level changed.</summary>
public enum RiskLevelChangeReason
{
    /// <summary>A match raised the score to the new level's enter threshold.</summary>
    ScoreReachedEnterThreshold = 0,

    /// <summary>
    /// The quiet period had already passed when the decaying score fell to the level's leave threshold.
    /// </summary>
    ScoreDecayedToLeaveThreshold = 1,

    /// <summary>
    /// The score was already at or below the level's leave threshold when the quiet period since the last match ended.
    /// </summary>
    QuietPeriodElapsed = 2,
}
