namespace LiveWatch.Silo.Api.Models;

/// <summary>An incident with its matches and the references of its (encrypted) evidence frames.</summary>
public sealed record IncidentDetailResponse(IncidentResponse Incident, IReadOnlyList<IncidentMatchResponse> Matches, IReadOnlyList<EvidenceResponse> Evidence);
