namespace LiveWatch.Contracts.Risk;

/// <summary>
/// How much a live stream is suspected of showing known material, from its recent matches. The values are ordered
/// (a higher value is a higher level) and persisted, so they must never be renumbered.
/// </summary>
public enum RiskLevel
{
    /// <summary>Nothing recent: keyframes are sampled at a low rate.</summary>
    Clear = 0,

    /// <summary>A recent match that is not yet confirmed: frames are burst-sampled to confirm or dismiss it.</summary>
    Watch = 1,

    /// <summary>Confirmed enough to involve people: an incident is opened and moderators are notified.</summary>
    Alert = 2,

    /// <summary>Sustained, strong matching: the platform's automatic action runs if the platform opted in.</summary>
    Critical = 3,
}
