namespace LiveWatch.Contracts.Ingest;

/// <summary>
/// One sampled frame. <see cref="Sequence"/> increases within a run; together with the batch's run id it makes
/// delivery at-least-once safe: the stream's grain drops a (run, sequence) it has already seen.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record SampledFrame(
    [property: Id(0)] long Sequence,
    [property: Id(1)] DateTimeOffset CapturedAt,
    [property: Id(2)] double StreamSeconds,
    [property: Id(3)] FramePicture Picture);
