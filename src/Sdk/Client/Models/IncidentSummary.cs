namespace LiveWatch.Sdk.Client.Models;

/// <summary>An incident as the platform sees it.</summary>
/// <param name="Version">Changes with every change (new matches, decisions): pass it as a decision's expected version to have the decision refused if the incident changed since.</param>
/// <param name="AssignedTo">The actor id it is assigned to, if any.</param>
/// <param name="DecidedBy">The actor id of the last decision, if any.</param>
/// <param name="DecidedAt">When that decision was made.</param>
/// <param name="StreamAction">The stream action last asked for (<c>Terminate</c> or <c>Blur</c>), if any.</param>
public sealed record IncidentSummary(
    Guid Id,
    string StreamId,
    IncidentState State,
    RiskLevel Level,
    DateTimeOffset OpenedAt,
    DateTimeOffset UpdatedAt,
    int MatchCount,
    int? BestDistance,
    long Version = 0,
    string? AssignedTo = null,
    string? DecidedBy = null,
    DateTimeOffset? DecidedAt = null,
    string? StreamAction = null);
