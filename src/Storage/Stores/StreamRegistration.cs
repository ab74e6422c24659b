namespace LiveWatch.Storage.Stores;

/// <summary>A stream to register.</summary>
/// <param name="StreamId">The platform's id for the stream (unique within the tenant).</param>
/// <param name="SourceUrl">Where ingest pulls it from, if LiveWatch pulls it.</param>
/// <param name="Channel">Channel name.</param>
/// <param name="UserId">Broadcaster's id on the platform.</param>
/// <param name="Title">Title.</param>
/// <param name="Priority">Higher is watched first.</param>
public sealed record StreamRegistration(
    string StreamId,
    string? SourceUrl = null,
    string? Channel = null,
    string? UserId = null,
    string? Title = null,
    int Priority = 0);
