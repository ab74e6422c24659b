using LiveWatch.Hashing.Pdq;

namespace LiveWatch.Contracts.Incidents;

/// <summary>
/// The pixels of a matched frame as the grain has them (a canvas now; preview frames from ingest later). The incident
/// grain stores them encrypted and keeps only a blurred greyscale thumbnail in the clear.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record IncidentEvidence(
    [property: Id(0)] long FrameSequence,
    [property: Id(1)] DateTimeOffset CapturedAt,
    [property: Id(2)] int Width,
    [property: Id(3)] int Height,
    [property: Id(4)] PixelFormat Format,
    [property: Id(5)] byte[] Pixels);
