using LiveWatch.Contracts.Incidents;

namespace LiveWatch.Dashboard.Incidents;

/// <summary>
/// The decisions a moderator takes on an incident from its page. The decision logic (state machine, concurrency,
/// webhooks, the negative bank) belongs to <see cref="IIncidentGrain.DecideAsync"/>; this interface is the page
/// handlers' way to reach it. <c>expectedVersion</c> carries the incident version the moderator saw, so that of two
/// moderators deciding at once one wins and the other is told.
/// </summary>
public interface IIncidentActions
{
    /// <summary>Assigns the incident to <paramref name="actor"/>.</summary>
    Task AssignToMeAsync(string tenantId, Guid incidentId, DecisionActor actor, long expectedVersion, CancellationToken cancellationToken = default);

    /// <summary>Confirms the match (known material).</summary>
    Task ConfirmAsync(string tenantId, Guid incidentId, DecisionActor actor, long expectedVersion, CancellationToken cancellationToken = default);

    /// <summary>Dismisses the incident as a false positive, optionally adding the matched frames' hashes to the tenant's negative bank.</summary>
    Task DismissAsync(string tenantId, Guid incidentId, DecisionActor actor, long expectedVersion, string reason, bool addToNegativeBank, CancellationToken cancellationToken = default);

    /// <summary>Escalates to a senior reviewer or the platform's trust and safety team.</summary>
    Task EscalateAsync(string tenantId, Guid incidentId, DecisionActor actor, long expectedVersion, string? note, CancellationToken cancellationToken = default);

    /// <summary>Asks the platform (webhook <c>stream.action</c>) to terminate the stream.</summary>
    Task RequestTerminationAsync(string tenantId, Guid incidentId, DecisionActor actor, string? reason, CancellationToken cancellationToken = default);
}
