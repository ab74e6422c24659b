using LiveWatch.Contracts.Ingest;
using LiveWatch.Contracts.Risk;

namespace LiveWatch.Contracts.Streams;

/// <summary>What a stream's grain knows about the stream right now.</summary>
/// <remarks>
/// The ingest fields are the worker's latest <see cref="IngestStateReport"/> (pulled streams only; null and 0 until
/// the first report).
/// </remarks>
[GenerateSerializer, Immutable]
public sealed record StreamStatus(
    [property: Id(0)] StreamKey Key,
    [property: Id(1)] RiskLevel Level,
    [property: Id(2)] double Score,
    [property: Id(3)] long FramesReceived,
    [property: Id(4)] long FramesMatched,
    [property: Id(5)] long FramesLowQuality,
    [property: Id(6)] long FramesNearDuplicate,
    [property: Id(7)] long Repeats,
    [property: Id(8)] DateTimeOffset? LastFrameAt,
    [property: Id(9)] Guid? OpenIncidentId,
    [property: Id(10)] bool Stopped,
    [property: Id(11)] IngestState? IngestState = null,
    [property: Id(12)] string? IngestReason = null,
    [property: Id(13)] string? IngestWorkerId = null,
    [property: Id(14)] int IngestRestarts = 0,
    [property: Id(15)] DateTimeOffset? IngestReportedAt = null);
