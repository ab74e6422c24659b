namespace LiveWatch.Silo.Api.Models;

/// <summary>A registered stream, with its monitor's live figures when it has received anything.</summary>
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
    StreamMonitorResponse? Monitor);
