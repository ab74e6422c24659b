namespace LiveWatch.Silo.Api.Models;

/// <summary>
/// One event's delivery to one endpoint: <c>Status</c> is <c>Pending</c>, <c>Delivered</c> or <c>DeadLettered</c>.
/// </summary>
public sealed record WebhookMessageResponse(
    Guid Id,
    Guid? EndpointId,
    string? EventId,
    string EventType,
    string? StreamId,
    string Status,
    int Attempts,
    DateTimeOffset CreatedAt,
    DateTimeOffset NextAttemptAt,
    DateTimeOffset? DeliveredAt,
    DateTimeOffset? DeadLetteredAt,
    DateTimeOffset? RequeuedAt,
    string? LastError);
