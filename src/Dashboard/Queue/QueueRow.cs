namespace LiveWatch.Dashboard.Queue;

/// <summary>One incident as the live queue shows it (the page renders these; the hub sends them as they change).</summary>
public sealed record QueueRow(
    Guid IncidentId,
    string TenantId,
    string StreamId,
    string State,
    string Level,
    int LevelRank,
    int MatchCount,
    int? BestDistance,
    long? BankId,
    string? BankName,
    DateTimeOffset OpenedAt,
    DateTimeOffset UpdatedAt,
    string? AssignedTo);
