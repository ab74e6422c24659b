namespace LiveWatch.Contracts.Ingest;

/// <summary>A worker's report of a pulled stream's ingest state, sent to the stream's grain on every change.</summary>
/// <param name="State">The new state.</param>
/// <param name="Reason">Why (for Stalled, Reconnecting, Ended and Failed: what happened, with ffmpeg's last error lines), else null.</param>
/// <param name="WorkerId">The worker that samples the stream.</param>
/// <param name="At">When the worker saw the change.</param>
/// <param name="Restarts">ffmpeg restarts of this lease so far.</param>
[GenerateSerializer, Immutable]
public sealed record IngestStateReport(
    [property: Id(0)] IngestState State,
    [property: Id(1)] string? Reason,
    [property: Id(2)] string WorkerId,
    [property: Id(3)] DateTimeOffset At,
    [property: Id(4)] int Restarts);
