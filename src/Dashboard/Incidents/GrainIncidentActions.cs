using LiveWatch.Contracts.Incidents;

namespace LiveWatch.Dashboard.Incidents;

/// <summary><see cref="IIncidentActions"/> over <see cref="IIncidentGrain.DecideAsync"/>, the single writer of an incident.</summary>
public sealed class GrainIncidentActions : IIncidentActions
{
    private readonly IGrainFactory _grains;

    public GrainIncidentActions(IGrainFactory grains)
    {
        _grains = grains;
    }

    public Task AssignToMeAsync(string tenantId, Guid incidentId, DecisionActor actor, long expectedVersion, CancellationToken cancellationToken = default) =>
        DecideAsync(incidentId, new IncidentDecision(tenantId, actor, IncidentDecisionKind.Assign, expectedVersion, Assignee: actor.Id));

    public Task ConfirmAsync(string tenantId, Guid incidentId, DecisionActor actor, long expectedVersion, CancellationToken cancellationToken = default) =>
        DecideAsync(incidentId, new IncidentDecision(tenantId, actor, IncidentDecisionKind.Confirm, expectedVersion));

    public Task DismissAsync(string tenantId, Guid incidentId, DecisionActor actor, long expectedVersion, string reason, bool addToNegativeBank, CancellationToken cancellationToken = default) =>
        DecideAsync(incidentId, new IncidentDecision(tenantId, actor, IncidentDecisionKind.Dismiss, expectedVersion, reason, AddToNegativeBank: addToNegativeBank));

    public Task EscalateAsync(string tenantId, Guid incidentId, DecisionActor actor, long expectedVersion, string? note, CancellationToken cancellationToken = default) =>
        DecideAsync(incidentId, new IncidentDecision(tenantId, actor, IncidentDecisionKind.Escalate, expectedVersion, note));

    public Task RequestTerminationAsync(string tenantId, Guid incidentId, DecisionActor actor, string? reason, CancellationToken cancellationToken = default) =>
        DecideAsync(incidentId, new IncidentDecision(tenantId, actor, IncidentDecisionKind.RequestStreamAction, Reason: reason, StreamAction: StreamActionKind.Terminate));

    private Task<IncidentDecisionResult> DecideAsync(Guid incidentId, IncidentDecision decision) =>
        _grains.GetGrain<IIncidentGrain>(incidentId).DecideAsync(decision);
}
