namespace LiveWatch.Sdk.Client.Models;

/// <summary>
/// A registered stream, with its monitor's live figures when the answer carries them, and for a pulled stream the
/// ingest worker's latest report.
/// </summary>
public sealed record StreamInfo(
    string StreamId,
    StreamState State,
    Uri? SourceUrl,
    string? Channel,
    string? UserId,
    string? Title,
    int Priority,
    DateTimeOffset CreatedAt,
    DateTimeOffset? StoppedAt,
    StreamMonitorStatus? Monitor,
    StreamIngestStatus? Ingest = null);
