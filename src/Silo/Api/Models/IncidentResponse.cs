namespace LiveWatch.Silo.Api.Models;

/// <summary>
/// An incident as a platform sees it. <c>Version</c> changes with every change (new matches, decisions): send it as
/// <c>expectedVersion</c> with a decision to have it refused (409) if the incident changed since you looked.
/// </summary>
public sealed record IncidentResponse(
    Guid Id,
    string StreamId,
    string State,
    string Level,
    DateTimeOffset OpenedAt,
    DateTimeOffset UpdatedAt,
    int MatchCount,
    int? BestDistance,
    long Version = 0,
    string? AssignedTo = null,
    string? DecidedBy = null,
    DateTimeOffset? DecidedAt = null,
    string? StreamAction = null);
