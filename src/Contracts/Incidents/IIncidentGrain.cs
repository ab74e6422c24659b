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
}
