namespace LiveWatch.Silo.Api.Models;

/// <summary>
/// A registered stream, with its monitor's live figures when it has received anything, and (pulled streams) the ingest
/// worker's latest report once there is one.
/// </summary>
public sealed record StreamResponse(
    string StreamId,
    string State,
    string? SourceUrl,
    string? Channel,
    string? UserId,
    string? Title,
    int Priority,
    DateTimeOffset CreatedAt,
    DateTimeOffset? StoppedAt,
    StreamMonitorResponse? Monitor,
    StreamIngestResponse? Ingest = null);
