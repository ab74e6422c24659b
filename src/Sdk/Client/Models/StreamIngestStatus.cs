namespace LiveWatch.Sdk.Client.Models;

/// <summary>
/// What the ingest worker that pulls a stream last reported about its source (streams registered with a source URL).
/// </summary>
/// <param name="State">Starting, Live, Stalled, Reconnecting, Ended or Failed.</param>
/// <param name="Reason">Why, for Stalled, Reconnecting, Ended and Failed (with ffmpeg's last error lines).</param>
/// <param name="WorkerId">The worker that samples the stream.</param>
/// <param name="Restarts">ffmpeg restarts so far on that worker.</param>
/// <param name="ReportedAt">When the worker saw the change.</param>
public sealed record StreamIngestStatus(StreamState State, string? Reason, string? WorkerId, int Restarts, DateTimeOffset? ReportedAt);
