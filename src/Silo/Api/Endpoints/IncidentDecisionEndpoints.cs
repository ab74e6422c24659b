using System.Security.Claims;
using LiveWatch.Contracts.Incidents;
using LiveWatch.Silo.Api.Authentication;
using LiveWatch.Silo.Api.Models;
using LiveWatch.Storage;
using LiveWatch.Storage.Stores;

namespace LiveWatch.Silo.Api.Endpoints;

/// <summary>
/// Decisions on incidents: <c>POST /api/v1/incidents/{id}/{assign|confirm|dismiss|escalate|stream-action}</c> for a
/// platform key (its own incidents), and the same under <c>/api/v1/admin/tenants/{tenantId}/incidents/{id}/…</c> for an
/// operator key. Each goes to the incident's grain (as the dashboard's do), which writes the decision, its audit entry,
/// the feed event and the webhooks in one transaction. Another tenant's incident is not found (404); a decision on a
/// stale version, or one the incident's state does not allow, is a 409 that says who decided what and when, with the
/// incident as it is now (problem member <c>incident</c>).
/// </summary>
internal static class IncidentDecisionEndpoints
{
    public static RouteGroupBuilder MapIncidentDecisionEndpoints(this RouteGroupBuilder api, RouteGroupBuilder admin)
    {
        ArgumentNullException.ThrowIfNull(admin);
        MapRoutes(api.MapGroup("/incidents/{incidentId:guid}").WithTags("Incidents: decisions").RequireAuthorization(ApiKeyDefaults.PlatformPolicy),
            static context => context.User.TenantId());
        MapRoutes(admin.MapGroup("/tenants/{tenantId}/incidents/{incidentId:guid}").WithTags("Admin: incident decisions"),
            static context => (string)context.GetRouteValue("tenantId")!);
        return api;
    }

    private static void MapRoutes(RouteGroupBuilder incident, Func<HttpContext, string> tenantOf)
    {
        incident.MapPost("/assign", (Guid incidentId, IncidentDecisionRequest? request, HttpContext context, IGrainFactory grains) =>
            DecideAsync(tenantOf(context), incidentId, IncidentDecisionKind.Assign, request, context.User, grains))
            .WithSummary("Assign the incident (assignee: an actor id; none unassigns)");
        incident.MapPost("/confirm", (Guid incidentId, IncidentDecisionRequest? request, HttpContext context, IGrainFactory grains) =>
            DecideAsync(tenantOf(context), incidentId, IncidentDecisionKind.Confirm, request, context.User, grains))
            .WithSummary("Confirm the match (from Open or Escalated)");
        incident.MapPost("/dismiss", (Guid incidentId, IncidentDecisionRequest? request, HttpContext context, IGrainFactory grains) =>
            DecideAsync(tenantOf(context), incidentId, IncidentDecisionKind.Dismiss, request, context.User, grains))
            .WithSummary("Dismiss as a false positive (reason required; addToNegativeBank stops the frames matching again)");
        incident.MapPost("/escalate", (Guid incidentId, IncidentDecisionRequest? request, HttpContext context, IGrainFactory grains) =>
            DecideAsync(tenantOf(context), incidentId, IncidentDecisionKind.Escalate, request, context.User, grains))
            .WithSummary("Escalate to a senior reviewer (from Open)");
        incident.MapPost("/stream-action", (Guid incidentId, IncidentDecisionRequest? request, HttpContext context, IGrainFactory grains) =>
            DecideAsync(tenantOf(context), incidentId, IncidentDecisionKind.RequestStreamAction, request, context.User, grains))
            .WithSummary("Ask the platform to terminate or blur the stream (a stream.action webhook)");
    }

    private static async Task<IResult> DecideAsync(
        string tenantId, Guid incidentId, IncidentDecisionKind kind, IncidentDecisionRequest? request, ClaimsPrincipal user, IGrainFactory grains)
    {
        request ??= new IncidentDecisionRequest();
        var decision = new IncidentDecision(
            tenantId,
            ActorOf(user),
            kind,
            request.ExpectedVersion,
            request.Reason,
            request.Assignee,
            request.AddToNegativeBank,
            kind == IncidentDecisionKind.RequestStreamAction ? ApiMapping.ParseEnum<StreamActionKind>(request.Action, "action") : null);
        var grain = grains.GetGrain<IIncidentGrain>(incidentId);
        IncidentDecisionResult result;
        try
        {
            result = await grain.DecideAsync(decision).ConfigureAwait(false);
        }
        catch (Exception e) when (e is EntityConflictException or ConcurrencyConflictException)
        {
            // The incident as it is now goes with the refusal: who decided what and when, and the version to decide on
            // again (the SDK's IncidentDecisionConflictException carries it).
            var current = await grain.GetAsync().ConfigureAwait(false) ?? throw new EntityNotFoundException($"There is no incident {incidentId}.");
            return TypedResults.Problem(e.Message, statusCode: StatusCodes.Status409Conflict, title: "Conflict",
                extensions: new Dictionary<string, object?> { ["incident"] = ToResponse(current) });
        }

        return TypedResults.Ok(new IncidentDecisionResponse(ToResponse(result.Incident), result.Changed, result.NegativeBankId, result.HashesAddedToNegativeBank));
    }

    /// <summary>An API key decides as itself: <c>apikey:&lt;prefix&gt;</c>, its name, and its role (Platform or Admin).</summary>
    internal static DecisionActor ActorOf(ClaimsPrincipal user) =>
        new(user.Actor(), user.FindFirstValue(ClaimTypes.Name) ?? user.Actor(), user.FindFirstValue(ClaimTypes.Role) ?? "unknown");

    private static IncidentResponse ToResponse(IncidentSummary incident) =>
        new(incident.IncidentId, incident.Stream.StreamId, incident.State, incident.Level.ToString(), incident.OpenedAt, incident.UpdatedAt,
            incident.MatchCount, incident.BestDistance < 0 ? null : incident.BestDistance, incident.Version, incident.AssignedTo, incident.DecidedBy, incident.DecidedAt, incident.StreamAction);
}
