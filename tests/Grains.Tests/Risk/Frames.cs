using LiveWatch.Grains.Risk;

namespace LiveWatch.Grains.Tests.Risk;

/// <summary>Frames as scripts name them. Distances are chosen well inside each class, unless a test is about the edges.</summary>
internal static class Frames
{
    /// <summary>A frame nothing matched.</summary>
    public static RiskObservation None => RiskObservation.NoMatch;

    /// <summary>A strong match (distance at or below 16) in a bank with the usual threshold 31.</summary>
    public static RiskObservation Strong(int distance = 8) => RiskObservation.Nearest(distance);

    /// <summary>A weak match (17..31) in a bank with the usual threshold 31.</summary>
    public static RiskObservation Weak(int distance = 24) => RiskObservation.Nearest(distance);

    /// <summary>A frame whose nearest entry is beyond its bank's threshold: no match.</summary>
    public static RiskObservation Beyond(int distance = 40) => RiskObservation.Nearest(distance);

    /// <summary>A frame whose best match is in a negative (allow-list) bank.</summary>
    public static RiskObservation Allowed(int distance = 0) => RiskObservation.NearestInNegativeBank(distance);
}
