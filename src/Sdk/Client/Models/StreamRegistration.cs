namespace LiveWatch.Sdk.Client.Models;

/// <summary>A stream to monitor (the body of <c>POST /api/v1/streams</c>).</summary>
/// <param name="StreamId">The platform's own id for the stream: letters, digits, '.', '_', '-', ':' (at most 128).</param>
/// <param name="SourceUrl">Where LiveWatch's ingest pulls the stream from (rtmp, rtmps, srt, http, https); none when the platform pushes.</param>
/// <param name="Channel">Channel name.</param>
/// <param name="UserId">The broadcaster's id on the platform.</param>
/// <param name="Title">Title.</param>
/// <param name="Priority">Higher is watched first.</param>
public sealed record StreamRegistration(
    string StreamId,
    Uri? SourceUrl = null,
    string? Channel = null,
    string? UserId = null,
    string? Title = null,
    int Priority = 0);
