namespace LiveWatch.Sdk.Client.Models;

/// <summary>An incident as the platform sees it.</summary>
public sealed record IncidentSummary(
    Guid Id,
    string StreamId,
    IncidentState State,
    RiskLevel Level,
    DateTimeOffset OpenedAt,
    DateTimeOffset UpdatedAt,
    int MatchCount,
    int? BestDistance);
