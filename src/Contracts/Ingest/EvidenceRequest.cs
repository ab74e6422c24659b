namespace LiveWatch.Contracts.Ingest;

/// <summary>
/// Carried by an <see cref="IngestAck"/> while an incident of the stream still lacks preview frames: the worker answers
/// with the frames of its preview ring between <paramref name="FromStreamSeconds"/> and
/// <paramref name="ToStreamSeconds"/> (stream time), sent to the incident's grain.
/// </summary>
/// <param name="IncidentId">The incident the frames belong to.</param>
/// <param name="FromStreamSeconds">Earliest stream time wanted (some seconds before the first match).</param>
/// <param name="ToStreamSeconds">Latest stream time wanted (some seconds after the last match so far).</param>
[GenerateSerializer, Immutable]
public sealed record EvidenceRequest(
    [property: Id(0)] Guid IncidentId,
    [property: Id(1)] double FromStreamSeconds,
    [property: Id(2)] double ToStreamSeconds);
