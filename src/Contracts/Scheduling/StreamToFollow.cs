using LiveWatch.Contracts.Streams;

namespace LiveWatch.Contracts.Scheduling;

/// <summary>A pulled stream the cluster must follow.</summary>
/// <param name="Key">Tenant and stream.</param>
/// <param name="SourceUrl">The URL ffmpeg pulls (already checked by the URL policy at registration).</param>
/// <param name="Priority">Higher goes first when capacity is short.</param>
[GenerateSerializer, Immutable]
public sealed record StreamToFollow(
    [property: Id(0)] StreamKey Key,
    [property: Id(1)] string SourceUrl,
    [property: Id(2)] int Priority);
