namespace LiveWatch.Contracts.Ingest;

/// <summary>Hashes pushed in one call; same at-least-once rules as <see cref="FrameBatch"/>.</summary>
[GenerateSerializer, Immutable]
public sealed record HashBatch(
    [property: Id(0)] string RunId,
    [property: Id(1)] IReadOnlyList<PushedHash> Hashes);
