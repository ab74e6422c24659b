using LiveWatch.Dashboard.Incidents;
using LiveWatch.Silo.Api.Endpoints;

namespace LiveWatch.Silo.Api;

/// <summary>The dashboard's report export, made by the REST API's own (one package format, one audit row).</summary>
internal sealed class ApiIncidentReportExporter(IServiceProvider services) : IIncidentReportExporter
{
    public Task<IncidentReportFile> ExportAsync(string tenantId, Guid incidentId, string format, string actor, CancellationToken cancellationToken = default) =>
        IncidentReportEndpoints.RenderAsync(tenantId, incidentId, format, actor, services, cancellationToken);
}
