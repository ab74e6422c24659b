namespace LiveWatch.Silo.Api.Models;

/// <summary>A stream to monitor. <see cref="SourceUrl"/> is recorded for the ingest workers; pushing frames or hashes needs none.</summary>
/// <param name="StreamId">The platform's id for the stream: letters, digits, '.', '_', '-', ':' (at most 128).</param>
/// <param name="SourceUrl">Where ingest pulls the stream from (rtmp, rtmps, srt, http, https), if LiveWatch pulls it.</param>
/// <param name="Channel">Channel name.</param>
/// <param name="UserId">Broadcaster's id on the platform.</param>
/// <param name="Title">Title.</param>
/// <param name="Priority">Higher is watched first.</param>
public sealed record RegisterStreamRequest(string StreamId, string? SourceUrl = null, string? Channel = null, string? UserId = null, string? Title = null, int Priority = 0);
