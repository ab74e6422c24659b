namespace LiveWatch.Dashboard.Incidents;

/// <summary>
/// The decisions a moderator takes on an incident from its page. The decision logic (state machine, concurrency,
/// webhooks, the negative bank, the report package) belongs to <c>IIncidentGrain</c>; this interface is the page
/// handlers' only way to reach it. <paramref name="expectedVersion"/> parameters carry the incident version the
/// moderator saw, so that of two moderators deciding at once one wins and the other is told.
/// </summary>
public interface IIncidentActions
{
    /// <summary>Assigns the incident to <paramref name="actor"/>.</summary>
    Task AssignToMeAsync(Guid incidentId, string actor, long expectedVersion, CancellationToken cancellationToken = default);

    /// <summary>Confirms the match (known material).</summary>
    Task ConfirmAsync(Guid incidentId, string actor, long expectedVersion, CancellationToken cancellationToken = default);

    /// <summary>Dismisses the incident as a false positive, optionally adding the matched frames' hashes to the tenant's negative bank.</summary>
    Task DismissAsync(Guid incidentId, string actor, long expectedVersion, string reason, bool addToNegativeBank, CancellationToken cancellationToken = default);

    /// <summary>Escalates to a senior reviewer or the platform's trust and safety team.</summary>
    Task EscalateAsync(Guid incidentId, string actor, long expectedVersion, string? note, CancellationToken cancellationToken = default);

    /// <summary>Asks the platform (webhook <c>stream.action</c>) to terminate the stream.</summary>
    Task RequestTerminationAsync(Guid incidentId, string actor, string? reason, CancellationToken cancellationToken = default);

    /// <summary>The report package of a confirmed incident (JSON), for download; never sent anywhere.</summary>
    Task<IncidentReportFile> ExportReportAsync(Guid incidentId, string actor, CancellationToken cancellationToken = default);
}
