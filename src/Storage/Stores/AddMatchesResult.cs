using LiveWatch.Storage.Entities;

namespace LiveWatch.Storage.Stores;

/// <summary>Result of <see cref="IncidentStore.AddMatchesAsync"/>.</summary>
/// <param name="Added">Matches stored by this call (those already stored are skipped).</param>
/// <param name="Incident">The incident after the call.</param>
/// <param name="AddedMatches">The matches stored by this call, with their ids (empty when all were already stored).</param>
public sealed record AddMatchesResult(int Added, Incident Incident, IReadOnlyList<IncidentMatch> AddedMatches);
