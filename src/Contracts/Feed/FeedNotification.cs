namespace LiveWatch.Contracts.Feed;

/// <summary>
/// One event of a tenant's live feed, as stored in the moderation store (which is the truth) and as sent on the
/// feed's Orleans streams (which are only the fast path and may lose notifications).
/// </summary>
/// <param name="TenantId">The tenant whose dashboards see the event.</param>
/// <param name="Sequence">The event's store sequence: global, strictly increasing, with gaps between a tenant's events.</param>
/// <param name="PreviousSequence">
/// The sequence of the tenant's event before this one (0 if none). A subscriber that has not seen that one knows it
/// missed something and reads the store from the last sequence it saw.
/// </param>
/// <param name="Kind">What happened.</param>
/// <param name="IncidentId">The incident, for incident events.</param>
/// <param name="StreamId">The tenant's stream concerned, if any.</param>
/// <param name="At">When it happened (UTC).</param>
/// <param name="Payload">The event's details as a JSON object (camelCase, enums by name), e.g. the level or state.</param>
[GenerateSerializer, Immutable]
public sealed record FeedNotification(
    [property: Id(0)] string TenantId,
    [property: Id(1)] long Sequence,
    [property: Id(2)] long PreviousSequence,
    [property: Id(3)] FeedEventKind Kind,
    [property: Id(4)] Guid? IncidentId,
    [property: Id(5)] string? StreamId,
    [property: Id(6)] DateTimeOffset At,
    [property: Id(7)] string Payload);
