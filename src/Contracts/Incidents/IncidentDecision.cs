namespace LiveWatch.Contracts.Incidents;

/// <summary>
/// One decision on an incident, as the dashboard or the API hands it to the incident's grain.
/// </summary>
/// <param name="TenantId">The caller's tenant: an incident of another tenant is "not found".</param>
/// <param name="Actor">Who decides.</param>
/// <param name="Kind">What.</param>
/// <param name="ExpectedVersion">
/// The incident's version the decider saw; when set and the incident has changed since (another moderator decided,
/// new matches arrived), the decision is refused with a conflict that says what happened. Null decides on whatever is
/// current (state rules still apply).
/// </param>
/// <param name="Reason">Why (required to dismiss; optional otherwise, at most 2000 characters).</param>
/// <param name="Assignee">For <see cref="IncidentDecisionKind.Assign"/>: the actor id to assign to; null unassigns.</param>
/// <param name="AddToNegativeBank">For <see cref="IncidentDecisionKind.Dismiss"/>: add the matched frames' hashes to the tenant's negative bank.</param>
/// <param name="StreamAction">For <see cref="IncidentDecisionKind.RequestStreamAction"/>: terminate or blur.</param>
[GenerateSerializer, Immutable]
public sealed record IncidentDecision(
    [property: Id(0)] string TenantId,
    [property: Id(1)] DecisionActor Actor,
    [property: Id(2)] IncidentDecisionKind Kind,
    [property: Id(3)] long? ExpectedVersion = null,
    [property: Id(4)] string? Reason = null,
    [property: Id(5)] string? Assignee = null,
    [property: Id(6)] bool AddToNegativeBank = false,
    [property: Id(7)] StreamActionKind? StreamAction = null);
