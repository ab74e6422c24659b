using LiveWatch.Contracts.Risk;

namespace LiveWatch.Grains.Risk;

/// <summary>
/// What a platform asked LiveWatch to do on its own when one of its streams reaches <see cref="RiskLevel.Critical"/>,
/// through the platform's callback. Platforms opt in; the default is <see cref="None"/>.
/// </summary>
public enum AutoAction
{
    /// <summary>No automatic action: moderators decide.</summary>
    None = 0,

    /// <summary>Ask the platform to blur the stream for its viewers.</summary>
    Blur = 1,

    /// <summary>Ask the platform to end the stream.</summary>
    Terminate = 2,
}
