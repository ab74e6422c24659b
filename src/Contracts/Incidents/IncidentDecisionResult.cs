namespace LiveWatch.Contracts.Incidents;

/// <summary>The incident after a decision.</summary>
/// <param name="Incident">As stored now.</param>
/// <param name="Changed">False when the decision was already in place (a retried call): nothing was written twice.</param>
/// <param name="NegativeBankId">The tenant's negative bank the matched hashes went to, when asked.</param>
/// <param name="HashesAddedToNegativeBank">How many hashes were new to that bank.</param>
[GenerateSerializer, Immutable]
public sealed record IncidentDecisionResult(
    [property: Id(0)] IncidentSummary Incident,
    [property: Id(1)] bool Changed,
    [property: Id(2)] long? NegativeBankId = null,
    [property: Id(3)] int HashesAddedToNegativeBank = 0);
