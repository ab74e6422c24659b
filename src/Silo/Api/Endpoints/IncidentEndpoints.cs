using System.Security.Claims;
using LiveWatch.Contracts.Risk;
using LiveWatch.Silo.Api.Authentication;
using LiveWatch.Silo.Api.Models;
using LiveWatch.Storage;
using LiveWatch.Storage.Entities;
using LiveWatch.Storage.Stores;

namespace LiveWatch.Silo.Api.Endpoints;

/// <summary><c>/api/v1/incidents</c>: a platform reads its own incidents (another tenant's are simply not found).</summary>
internal static class IncidentEndpoints
{
    public static RouteGroupBuilder MapIncidentEndpoints(this RouteGroupBuilder api)
    {
        var incidents = api.MapGroup("/incidents").WithTags("Incidents").RequireAuthorization(ApiKeyDefaults.PlatformPolicy);
        incidents.MapGet("/", ListAsync).WithSummary("The platform's incidents, newest first (filters: state, stream, minLevel, max)");
        incidents.MapGet("/{incidentId:guid}", GetAsync).WithSummary("An incident with its matches and evidence references");
        return api;
    }

    private static async Task<IResult> ListAsync(
        string? state, string? stream, string? minLevel, int? max, ClaimsPrincipal user, IncidentStore incidents, CancellationToken cancellationToken)
    {
        if (max is < 1 or > 1000)
        {
            throw new ArgumentException($"max must be 1..1000, got {max}.");
        }

        var query = new IncidentQuery(
            ApiMapping.ParseOptionalEnum<IncidentState>(state, "state"),
            stream,
            ApiMapping.ParseOptionalEnum<RiskLevel>(minLevel, "minLevel"),
            max ?? 100);
        var rows = await incidents.ListAsync(user.TenantId(), query, cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok(rows.Select(i => i.ToResponse()).ToArray());
    }

    private static async Task<IResult> GetAsync(Guid incidentId, ClaimsPrincipal user, IncidentStore incidents, CancellationToken cancellationToken)
    {
        var tenant = user.TenantId();
        var incident = await incidents.GetAsync(tenant, incidentId, cancellationToken).ConfigureAwait(false)
            ?? throw new EntityNotFoundException($"There is no incident {incidentId}.");
        var matches = await incidents.ListMatchesAsync(tenant, incidentId, cancellationToken).ConfigureAwait(false);
        var evidence = await incidents.ListEvidenceAsync(tenant, incidentId, cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok(new IncidentDetailResponse(
            incident.ToResponse(),
            matches.Select(m => m.ToResponse()).ToArray(),
            evidence.Select(e => new EvidenceResponse(e.Id, e.CapturedAt, e.Kind.ToString(), e.StreamSeconds)).ToArray()));
    }
}
