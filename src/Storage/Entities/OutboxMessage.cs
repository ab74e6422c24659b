namespace LiveWatch.Storage.Entities;

/// <summary>
/// An event to deliver to a tenant's webhook, written in the same transaction as the change it reports so that
/// nothing is announced that did not happen and nothing that happened goes unannounced.
/// </summary>
public sealed class OutboxMessage
{
    /// <summary>Message id.</summary>
    public Guid Id { get; set; }

    /// <summary>
    /// Insertion order across the outbox, taken under the store's sequence lock: deliveries of one stream to one
    /// endpoint go in this order.
    /// </summary>
    public long Sequence { get; set; }

    /// <summary>Receiving tenant.</summary>
    public required string TenantId { get; set; }

    /// <summary>Event type (for example <c>incident.opened</c>).</summary>
    public required string EventType { get; set; }

    /// <summary>Body as a JSON document.</summary>
    public required string Payload { get; set; }

    /// <summary>Caller-chosen key; enqueueing the same key twice keeps the first message only.</summary>
    public required string IdempotencyKey { get; set; }

    /// <summary>The webhook endpoint this copy of the event goes to (one message per endpoint); null for messages enqueued without one.</summary>
    public Guid? EndpointId { get; set; }

    /// <summary>The event's id, the same for every endpoint (the <c>LiveWatch-Event-Id</c> header); null for messages enqueued without one.</summary>
    public string? EventId { get; set; }

    /// <summary>
    /// What orders deliveries (the stream id): a message is not sent to its endpoint while an earlier one with the same
    /// key is neither delivered nor dead-lettered.
    /// </summary>
    public string? OrderingKey { get; set; }

    /// <summary>The dispatcher (silo) holding the message while it delivers it.</summary>
    public string? LeaseOwner { get; set; }

    /// <summary>Until when that dispatcher holds it (UTC); after that another may claim it.</summary>
    public DateTimeOffset? LeasedUntil { get; set; }

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

    /// <summary>When an operator or the tenant re-queued it after it was dead-lettered (UTC); its retry window starts again then.</summary>
    public DateTimeOffset? RequeuedAt { get; set; }

    /// <summary>Error of the last failed attempt.</summary>
    public string? LastError { get; set; }
}
