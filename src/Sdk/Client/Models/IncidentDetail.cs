namespace LiveWatch.Sdk.Client.Models;

/// <summary>An incident with its matches and the references of its evidence frames.</summary>
public sealed record IncidentDetail(IncidentSummary Incident, IReadOnlyList<IncidentMatch> Matches, IReadOnlyList<EvidenceReference> Evidence);
