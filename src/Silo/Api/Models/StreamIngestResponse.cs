namespace LiveWatch.Silo.Api.Models;

/// <summary>The ingest worker's latest report on a pulled stream's source.</summary>
/// <param name="State">Starting, Live, Stalled, Reconnecting, Ended or Failed.</param>
/// <param name="Reason">Why (for Stalled, Reconnecting, Ended, Failed: what happened, with ffmpeg's last error lines).</param>
/// <param name="WorkerId">The worker that samples the stream.</param>
/// <param name="Restarts">ffmpeg restarts under the worker's current lease.</param>
/// <param name="ReportedAt">When the worker saw the change.</param>
public sealed record StreamIngestResponse(string State, string? Reason, string? WorkerId, int Restarts, DateTimeOffset? ReportedAt);
