namespace LiveWatch.Contracts.Ingest;

/// <summary>
/// Frames a worker sends to a stream's grain in one call (at most ~250 ms worth). <see cref="RunId"/> names one run of
/// the sampler (a new ffmpeg process, a new push session); sequences restart with each run.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record FrameBatch(
    [property: Id(0)] string RunId,
    [property: Id(1)] IReadOnlyList<SampledFrame> Frames);
