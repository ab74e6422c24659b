using LiveWatch.Contracts.Risk;
using LiveWatch.Contracts.Streams;

namespace LiveWatch.Contracts.Incidents;

/// <summary>What a stream grain tells its incident: the level reached and the matches (and evidence) since last time.</summary>
[GenerateSerializer, Immutable]
public sealed record IncidentReport(
    [property: Id(0)] StreamKey Stream,
    [property: Id(1)] RiskLevel Level,
    [property: Id(2)] DateTimeOffset At,
    [property: Id(3)] IReadOnlyList<IncidentMatch> Matches,
    [property: Id(4)] IReadOnlyList<IncidentEvidence> Evidence);
