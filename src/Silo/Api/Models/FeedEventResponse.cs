using System.Text.Json;

namespace LiveWatch.Silo.Api.Models;

/// <summary>One event of a platform's live feed; <see cref="Sequence"/> is also the server-sent event's id.</summary>
public sealed record FeedEventResponse(long Sequence, string Kind, Guid? IncidentId, string? StreamId, DateTimeOffset At, JsonElement Data);
