using LiveWatch.Contracts.Risk;

namespace LiveWatch.Storage.Entities;

/// <summary>
/// Matches on one stream that a moderator reviews together. <see cref="Version"/> is the optimistic concurrency token:
/// it changes on every update (state, level, new matches), so a review decided on a stale view is refused.
/// </summary>
public sealed class Incident
{
    /// <summary>Longest accepted assignee.</summary>
    public const int MaxAssigneeLength = 200;

    /// <summary>Incident id.</summary>
    public Guid Id { get; set; }

    /// <summary>Owning tenant.</summary>
    public required string TenantId { get; set; }

    /// <summary>The stream (within the tenant).</summary>
    public required string StreamId { get; set; }

    /// <summary>Review state.</summary>
    public IncidentState State { get; set; }

    /// <summary>Seriousness.</summary>
    public RiskLevel Level { get; set; }

    /// <summary>When opened (UTC).</summary>
    public DateTimeOffset OpenedAt { get; set; }

    /// <summary>When last changed (UTC).</summary>
    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>When closed (UTC).</summary>
    public DateTimeOffset? ClosedAt { get; set; }

    /// <summary>Number of distinct matches recorded.</summary>
    public int MatchCount { get; set; }

    /// <summary>Smallest Hamming distance among the matches; null before the first match.</summary>
    public int? BestDistance { get; set; }

    /// <summary>Moderator the incident is assigned to.</summary>
    public string? AssignedTo { get; set; }

    /// <summary>Actor id of the last decision (confirm, dismiss, escalate, stream action).</summary>
    public string? DecidedBy { get; set; }

    /// <summary>Display name of that actor, as it was then.</summary>
    public string? DecidedByName { get; set; }

    /// <summary>When the last decision was made (UTC).</summary>
    public DateTimeOffset? DecidedAt { get; set; }

    /// <summary>The stream action last asked of the platform (<c>Terminate</c>, <c>Blur</c>), if any.</summary>
    public string? StreamAction { get; set; }

    /// <summary>When that stream action was asked (UTC).</summary>
    public DateTimeOffset? StreamActionAt { get; set; }

    /// <summary>Concurrency token, starting at 1 and increased by every update.</summary>
    public long Version { get; set; }
}
