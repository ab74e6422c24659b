namespace LiveWatch.Sdk.Client.Models;

/// <summary>The incident after a decision.</summary>
/// <param name="Incident">As stored now, with its new <see cref="IncidentSummary.Version"/>.</param>
/// <param name="Changed">False when the same decision (same kind, same key) was already in place: a retried call wrote nothing twice.</param>
/// <param name="NegativeBankId">A dismissal with <c>addToNegativeBank</c>: the tenant's negative bank the hashes went to.</param>
/// <param name="HashesAddedToNegativeBank">How many hashes were new to that bank.</param>
public sealed record IncidentDecisionResult(IncidentSummary Incident, bool Changed, long? NegativeBankId, int HashesAddedToNegativeBank);
