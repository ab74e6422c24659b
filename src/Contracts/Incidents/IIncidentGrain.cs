namespace LiveWatch.Contracts.Incidents;

/// <summary>
/// The single writer of one incident (key: incident id). The first report opens it, later ones attach matches; every
/// change is written to the moderation store before anyone is told. Reports are idempotent: a retried report adds no
/// match twice.
/// </summary>
public interface IIncidentGrain : IGrainWithGuidKey
{
    /// <summary>
    /// Opens the incident (first call) or attaches the report's matches and level to it. A dismissed incident takes
    /// nothing more: the report is not recorded and the answer's <see cref="IncidentSummary.State"/> says
    /// <c>Dismissed</c>, so the stream opens a new incident for a match that is not the dismissed false positive.
    /// </summary>
    Task<IncidentSummary> ReportAsync(IncidentReport report);

    /// <summary>The incident as stored; null if it was never opened.</summary>
    Task<IncidentSummary?> GetAsync();

    /// <summary>
    /// Attaches preview frames from the worker's ring (answering an <see cref="Ingest.EvidenceRequest"/>), stored
    /// encrypted; frames already attached (same sequence) are ignored, so the worker may send them again. An incident
    /// keeps at most LiveWatch:Evidence:MaxPreviewFramesPerIncident, the earliest first; beyond that frames are not stored.
    /// </summary>
    /// <returns>How many frames were stored.</returns>
    Task<int> AttachEvidenceFramesAsync(IReadOnlyList<EvidenceFrame> frames);

    /// <summary>
    /// Which preview frames the incident holds (asked by the stream's grain to decide whether to keep requesting
    /// them; workers need not call it).
    /// </summary>
    Task<PreviewCoverage> GetPreviewCoverageAsync();

    /// <summary>
    /// Applies a moderator's decision (assign, confirm, dismiss, escalate, ask for a stream action): the incident,
    /// the audit entry, the feed event and the webhook outbox messages are written in one transaction. The single
    /// writer of the incident, so two decisions at once are taken one after the other and the second is checked
    /// against what the first did.
    /// </summary>
    /// <remarks>
    /// Refusals: an incident of another tenant (or none) throws the store's not-found exception; a stale
    /// <see cref="IncidentDecision.ExpectedVersion"/> its concurrency conflict; a decision the state does not allow
    /// (confirming a dismissed incident) its entity conflict; bad input an <see cref="ArgumentException"/>. The API maps
    /// them to 404, 409, 409 and 400. Repeating a decision already in place (same kind, same actor) changes nothing.
    /// </remarks>
    Task<IncidentDecisionResult> DecideAsync(IncidentDecision decision);
}
