namespace LiveWatch.Storage.Entities;

/// <summary>
/// An event to deliver to a tenant's webhook, written in the same transaction as the change it reports so that
/// nothing is announced that did not happen and nothing that happened goes unannounced.
/// </summary>
public sealed class OutboxMessage
{
    /// <summary>Message id.</summary>
    public Guid Id { get; set; }

    /// <summary>Receiving tenant.</summary>
    public required string TenantId { get; set; }

    /// <summary>Event type (for example <c>incident.opened</c>).</summary>
    public required string EventType { get; set; }

    /// <summary>Body as a JSON document.</summary>
    public required string Payload { get; set; }

    /// <summary>Caller-chosen key; enqueueing the same key twice keeps the first message only.</summary>
    public required string IdempotencyKey { get; set; }

    /// <summary>When enqueued (UTC).</summary>
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Delivery attempts so far.</summary>
    public int Attempts { get; set; }

    /// <summary>Earliest time of the next attempt (UTC).</summary>
    public DateTimeOffset NextAttemptAt { get; set; }

    /// <summary>When delivered (UTC).</summary>
    public DateTimeOffset? DeliveredAt { get; set; }

    /// <summary>When given up on (UTC).</summary>
    public DateTimeOffset? DeadLetteredAt { get; set; }

    /// <summary>Error of the last failed attempt.</summary>
    public string? LastError { get; set; }
}
