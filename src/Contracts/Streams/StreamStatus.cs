using LiveWatch.Contracts.Risk;

namespace LiveWatch.Contracts.Streams;

/// <summary>What a stream's grain knows about the stream right now.</summary>
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
    [property: Id(10)] bool Stopped);
