using LiveWatch.Contracts.Risk;
using LiveWatch.Contracts.Streams;

namespace LiveWatch.Contracts.Incidents;

/// <summary>The state of an incident as stored.</summary>
[GenerateSerializer, Immutable]
public sealed record IncidentSummary(
    [property: Id(0)] Guid IncidentId,
    [property: Id(1)] StreamKey Stream,
    [property: Id(2)] string State,
    [property: Id(3)] RiskLevel Level,
    [property: Id(4)] DateTimeOffset OpenedAt,
    [property: Id(5)] DateTimeOffset UpdatedAt,
    [property: Id(6)] int MatchCount,
    [property: Id(7)] int BestDistance);
