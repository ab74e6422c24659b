namespace LiveWatch.Sdk.Client.Models;

/// <summary>What the stream's monitor knows: its risk level and frame counters.</summary>
public sealed record StreamMonitorStatus(
    RiskLevel Level,
    double Score,
    long FramesReceived,
    long FramesMatched,
    long FramesLowQuality,
    long FramesNearDuplicate,
    long Repeats,
    DateTimeOffset? LastFrameAt,
    Guid? OpenIncidentId,
    bool Stopped);
