using LiveWatch.Contracts.Incidents;

namespace LiveWatch.Dashboard.Incidents;

/// <summary>
/// <see cref="IIncidentActions"/> over <see cref="IIncidentGrain"/>, the single writer of an incident. This build's
/// grain has <c>ReportAsync</c>, <c>GetAsync</c>, <c>AttachEvidenceFramesAsync</c> and <c>GetPreviewCoverageAsync</c>
/// only; the decision methods (assign, confirm, dismiss, escalate, request termination, export) are being added to
/// the grain on the workflow branch. Until they are wired here each action checks that the incident exists and then
/// refuses with <see cref="IncidentActionUnavailableException"/>, naming the grain method it waits for.
/// </summary>
public sealed class GrainIncidentActions : IIncidentActions
{
    private readonly IGrainFactory _grains;

    public GrainIncidentActions(IGrainFactory grains)
    {
        _grains = grains;
    }

    public Task AssignToMeAsync(Guid incidentId, string actor, long expectedVersion, CancellationToken cancellationToken = default) =>
        UnavailableAsync(incidentId, "AssignAsync(assignee, expectedVersion)");

    public Task ConfirmAsync(Guid incidentId, string actor, long expectedVersion, CancellationToken cancellationToken = default) =>
        UnavailableAsync(incidentId, "ConfirmAsync(actor, expectedVersion)");

    public Task DismissAsync(Guid incidentId, string actor, long expectedVersion, string reason, bool addToNegativeBank, CancellationToken cancellationToken = default) =>
        UnavailableAsync(incidentId, "DismissAsync(actor, reason, addToNegativeBank, expectedVersion)");

    public Task EscalateAsync(Guid incidentId, string actor, long expectedVersion, string? note, CancellationToken cancellationToken = default) =>
        UnavailableAsync(incidentId, "EscalateAsync(actor, note, expectedVersion)");

    public Task RequestTerminationAsync(Guid incidentId, string actor, string? reason, CancellationToken cancellationToken = default) =>
        UnavailableAsync(incidentId, "RequestStreamActionAsync(actor, Terminate, reason)");

    public async Task<IncidentReportFile> ExportReportAsync(Guid incidentId, string actor, CancellationToken cancellationToken = default)
    {
        await UnavailableAsync(incidentId, "ExportReportAsync(actor, format)").ConfigureAwait(false);
        throw new IncidentActionUnavailableException();
    }

    private async Task UnavailableAsync(Guid incidentId, string method)
    {
        _ = await _grains.GetGrain<IIncidentGrain>(incidentId).GetAsync().ConfigureAwait(false)
            ?? throw new IncidentActionUnavailableException($"Incident {incidentId} does not exist.");
        throw new IncidentActionUnavailableException(
            $"Not available in this build yet: the incident grain has no {method}. Nothing was changed.");
    }
}
