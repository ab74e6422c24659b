using LiveWatch.Storage.Entities;

namespace LiveWatch.Storage.Stores;

/// <summary>What <see cref="IncidentStore.DecideAsync"/> did.</summary>
/// <param name="Incident">The incident as it is now.</param>
/// <param name="Changed">False when the decision was already in place (nothing was written).</param>
/// <param name="NegativeBankId">The tenant's negative bank the matched hashes went to, when asked.</param>
/// <param name="HashesAdded">How many hashes were new to it.</param>
public sealed record IncidentDecisionOutcome(Incident Incident, bool Changed, long? NegativeBankId, int HashesAdded);
