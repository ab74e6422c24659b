namespace LiveWatch.Silo.Api.Models;

/// <summary>What the stream's monitor knows: risk and frame counters.</summary>
public sealed record StreamMonitorResponse(
    string Level,
    double Score,
    long FramesReceived,
    long FramesMatched,
    long FramesLowQuality,
    long FramesNearDuplicate,
    long Repeats,
    DateTimeOffset? LastFrameAt,
    Guid? OpenIncidentId,
    bool Stopped);
