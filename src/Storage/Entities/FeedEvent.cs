using LiveWatch.Contracts.Feed;

namespace LiveWatch.Storage.Entities;

/// <summary>One event of a tenant's live feed; dashboards catch up with "events of tenant T after sequence S".</summary>
public sealed class FeedEvent
{
    /// <summary>Strictly increasing across all tenants, never reused, may have gaps.</summary>
    public long Sequence { get; set; }

    /// <summary>The tenant whose dashboards see the event.</summary>
    public required string TenantId { get; set; }

    /// <summary>What happened.</summary>
    public FeedEventKind Kind { get; set; }

    /// <summary>The incident, for incident events.</summary>
    public Guid? IncidentId { get; set; }

    /// <summary>The stream concerned.</summary>
    public string? StreamId { get; set; }

    /// <summary>Event data as a JSON document.</summary>
    public required string Payload { get; set; }

    /// <summary>When (UTC).</summary>
    public DateTimeOffset At { get; set; }
}
