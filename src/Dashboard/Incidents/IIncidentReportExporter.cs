namespace LiveWatch.Dashboard.Incidents;

/// <summary>
/// Makes a confirmed incident's report package (the REST API's export, <c>GET …/incidents/{id}/report</c>), with its
/// audit row. The silo that hosts the dashboard provides it; a stand-alone dashboard process has none and says so.
/// </summary>
public interface IIncidentReportExporter
{
    /// <summary>The report file (format <c>json</c> or <c>xml</c>).</summary>
    Task<IncidentReportFile> ExportAsync(string tenantId, Guid incidentId, string format, string actor, CancellationToken cancellationToken = default);
}
