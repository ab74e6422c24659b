using LiveWatch.Contracts.Risk;
using LiveWatch.Contracts.Streams;

namespace LiveWatch.Contracts.Incidents;

/// <summary>
/// The state of an incident as stored. <see cref="Version"/> is what a decision names to be refused if the incident
/// changed meanwhile; <see cref="DecidedBy"/> is the actor id of the last decision.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record IncidentSummary(
    [property: Id(0)] Guid IncidentId,
    [property: Id(1)] StreamKey Stream,
    [property: Id(2)] string State,
    [property: Id(3)] RiskLevel Level,
    [property: Id(4)] DateTimeOffset OpenedAt,
    [property: Id(5)] DateTimeOffset UpdatedAt,
    [property: Id(6)] int MatchCount,
    [property: Id(7)] int BestDistance,
    [property: Id(8)] long Version = 0,
    [property: Id(9)] string? AssignedTo = null,
    [property: Id(10)] string? DecidedBy = null,
    [property: Id(11)] DateTimeOffset? DecidedAt = null,
    [property: Id(12)] string? StreamAction = null);
