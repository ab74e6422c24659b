using LiveWatch.Contracts.Risk;

namespace LiveWatch.Contracts.Ingest;

/// <summary>
/// A stream grain's answer to a batch: how it went, and how the worker should sample from now on (the grain decides,
/// e.g. burst sampling while the stream is at Watch).
/// </summary>
/// <param name="Sampling">The sampling the worker should switch to.</param>
/// <param name="Level">The stream's risk level after the batch.</param>
/// <param name="Accepted">Frames processed for the first time.</param>
/// <param name="Repeats">Frames already processed before (a retried batch): dropped.</param>
/// <param name="Matched">Frames that matched a bank.</param>
/// <param name="IncidentId">The stream's open incident, if any.</param>
/// <param name="Evidence">Preview frames the grain wants from the worker's ring for an incident, if any.</param>
[GenerateSerializer, Immutable]
public sealed record IngestAck(
    [property: Id(0)] SamplingPolicy Sampling,
    [property: Id(1)] RiskLevel Level,
    [property: Id(2)] int Accepted,
    [property: Id(3)] int Repeats,
    [property: Id(4)] int Matched,
    [property: Id(5)] Guid? IncidentId,
    [property: Id(6)] EvidenceRequest? Evidence = null);
