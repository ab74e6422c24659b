using LiveWatch.Contracts.Ingest;

namespace LiveWatch.Ingest.Supervision;

/// <summary>A stream's ingest state as the supervisor reports it; Reason says why (ffmpeg's error, a cap, a mode switch).</summary>
public sealed record IngestStateChange(IngestState State, string? Reason, int Restarts, DateTimeOffset At);
