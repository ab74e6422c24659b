namespace LiveWatch.Contracts.Incidents;

/// <summary>The preview frames an incident holds.</summary>
/// <param name="Count">How many.</param>
/// <param name="LatestStreamSeconds">Stream time of the latest one; null if none.</param>
/// <param name="Full">The incident holds as many as it keeps: later frames would be refused.</param>
[GenerateSerializer, Immutable]
public sealed record PreviewCoverage(
    [property: Id(0)] int Count,
    [property: Id(1)] double? LatestStreamSeconds,
    [property: Id(2)] bool Full);
