namespace LiveWatch.Silo.Api.Models;

/// <summary>An incident as a platform sees it.</summary>
public sealed record IncidentResponse(
    Guid Id,
    string StreamId,
    string State,
    string Level,
    DateTimeOffset OpenedAt,
    DateTimeOffset UpdatedAt,
    int MatchCount,
    int? BestDistance);
