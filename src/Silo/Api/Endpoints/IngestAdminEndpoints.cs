using LiveWatch.Contracts.Scheduling;
using LiveWatch.Silo.Api.Models;

namespace LiveWatch.Silo.Api.Endpoints;

/// <summary><c>/api/v1/admin/ingest</c>: operators see which worker pulls which stream and what waits for a worker.</summary>
internal static class IngestAdminEndpoints
{
    public static RouteGroupBuilder MapIngestAdminEndpoints(this RouteGroupBuilder admin)
    {
        admin.MapGet("/ingest", OverviewAsync).WithTags("Admin: ingest").WithSummary("Ingest workers, their streams and the streams waiting for one");
        return admin;
    }

    private static async Task<IResult> OverviewAsync(IGrainFactory grains)
    {
        var overview = await grains.GetGrain<IIngestSchedulerGrain>(IngestScheduler.Key).GetOverviewAsync().ConfigureAwait(false);
        return TypedResults.Ok(overview.ToResponse());
    }
}
