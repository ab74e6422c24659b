using System.Text.Json;

namespace LiveWatch.Sdk.Client.Models;

/// <summary>One event of the platform's live feed.</summary>
/// <param name="Sequence">Its place in LiveWatch's store (also the server-sent event's id): resume after the last one seen.</param>
/// <param name="Kind">What it reports.</param>
/// <param name="IncidentId">The incident it is about, if any.</param>
/// <param name="StreamId">The stream it is about, if any.</param>
/// <param name="At">When it happened.</param>
/// <param name="Data">The kind's own fields (e.g. <c>level</c> and <c>state</c>), as sent.</param>
public sealed record FeedEvent(long Sequence, FeedEventKind Kind, Guid? IncidentId, string? StreamId, DateTimeOffset At, JsonElement Data);
