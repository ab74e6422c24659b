namespace LiveWatch.Silo.Api.Models;

/// <summary>The incident after a decision.</summary>
/// <param name="Incident">As stored now (with its new <c>version</c>).</param>
/// <param name="Changed">False when the same decision was already in place (a retried call): nothing was written twice.</param>
/// <param name="NegativeBankId">Dismissals with <c>addToNegativeBank</c>: the tenant's negative bank.</param>
/// <param name="HashesAddedToNegativeBank">How many hashes were new to it.</param>
public sealed record IncidentDecisionResponse(IncidentResponse Incident, bool Changed, long? NegativeBankId, int HashesAddedToNegativeBank);
