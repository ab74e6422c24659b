namespace LiveWatch.Storage.Stores;

/// <summary>The body of every webhook call (docs/webhooks.md): what happened, to which stream, and its data.</summary>
/// <param name="Id">The event id (also the <c>LiveWatch-Event-Id</c> header): deterministic from the change, the same for every endpoint.</param>
/// <param name="Type">The event type, e.g. <c>incident.opened</c>.</param>
/// <param name="CreatedAt">When the change was committed (UTC).</param>
/// <param name="TenantId">The receiving tenant.</param>
/// <param name="StreamId">The platform's stream id.</param>
/// <param name="Data">The event's fields.</param>
internal sealed record WebhookEnvelope(string Id, string Type, DateTimeOffset CreatedAt, string TenantId, string StreamId, object Data);
