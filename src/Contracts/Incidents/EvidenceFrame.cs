namespace LiveWatch.Contracts.Incidents;

/// <summary>
/// A preview frame from the worker's ring (JPEG made by our ffmpeg child from the stream), sent in answer to an
/// <see cref="Ingest.EvidenceRequest"/>. Stored encrypted with the incident and linked to the match times by stream time.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record EvidenceFrame(
    [property: Id(0)] long Sequence,
    [property: Id(1)] double StreamSeconds,
    [property: Id(2)] DateTimeOffset CapturedAt,
    [property: Id(3)] int Width,
    [property: Id(4)] int Height,
    [property: Id(5)] byte[] Jpeg);
