namespace LiveWatch.Contracts.Incidents;

/// <summary>
/// The single writer of one incident (key: incident id). The first report opens it, later ones attach matches; every
/// change is written to the moderation store before anyone is told. Reports are idempotent: a retried report adds no
/// match twice.
/// </summary>
public interface IIncidentGrain : IGrainWithGuidKey
{
    /// <summary>Opens the incident (first call) or attaches the report's matches and level to it.</summary>
    Task<IncidentSummary> ReportAsync(IncidentReport report);

    /// <summary>The incident as stored; null if it was never opened.</summary>
    Task<IncidentSummary?> GetAsync();

    /// <summary>
    /// Attaches preview frames from the worker's ring (answering an <see cref="Ingest.EvidenceRequest"/>), stored
    /// encrypted; frames already attached (same sequence) are ignored, so the worker may send them again.
    /// </summary>
    /// <returns>How many frames were new.</returns>
    Task<int> AttachEvidenceFramesAsync(IReadOnlyList<EvidenceFrame> frames);

    /// <summary>
    /// Which preview frames the incident holds (asked by the stream's grain to decide whether to keep requesting
    /// them; workers need not call it).
    /// </summary>
    Task<PreviewCoverage> GetPreviewCoverageAsync();
}
