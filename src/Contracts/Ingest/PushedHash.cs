using LiveWatch.Hashing;

namespace LiveWatch.Contracts.Ingest;

/// <summary>A PDQ hash a platform computed on its side (hash-only mode: no pixels leave the platform).</summary>
[GenerateSerializer, Immutable]
public sealed record PushedHash(
    [property: Id(0)] long Sequence,
    [property: Id(1)] DateTimeOffset CapturedAt,
    [property: Id(2)] double StreamSeconds,
    [property: Id(3)] Hash256 Hash,
    [property: Id(4)] int Quality);
