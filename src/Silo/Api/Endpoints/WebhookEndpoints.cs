using System.Security.Claims;
using LiveWatch.Silo.Api.Authentication;
using LiveWatch.Silo.Api.Models;
using LiveWatch.Silo.Webhooks;
using LiveWatch.Storage;
using LiveWatch.Storage.Entities;
using LiveWatch.Storage.Stores;
using Microsoft.Extensions.Options;

namespace LiveWatch.Silo.Api.Endpoints;

/// <summary>
/// A tenant's webhook endpoints and deliveries: <c>/api/v1/webhooks</c> for a platform key (its own), and
/// <c>/api/v1/admin/tenants/{tenantId}/webhooks</c> for an operator key. Creating an endpoint or rotating its secret
/// answers the secret, once. Dead-lettered deliveries are listed and can be re-queued. Every change is audited.
/// </summary>
internal static class WebhookEndpoints
{
    private const int MaxRotationOverlapSeconds = 30 * 24 * 3600;

    public static RouteGroupBuilder MapWebhookEndpoints(this RouteGroupBuilder api, RouteGroupBuilder admin)
    {
        ArgumentNullException.ThrowIfNull(admin);
        MapRoutes(api.MapGroup("/webhooks").WithTags("Webhooks").RequireAuthorization(ApiKeyDefaults.PlatformPolicy),
            static context => context.User.TenantId());
        MapRoutes(admin.MapGroup("/tenants/{tenantId}/webhooks").WithTags("Admin: webhooks"),
            static context => (string)context.GetRouteValue("tenantId")!);
        return api;
    }

    private static void MapRoutes(RouteGroupBuilder webhooks, Func<HttpContext, string> tenantOf)
    {
        webhooks.MapPost("/", (CreateWebhookEndpointRequest request, HttpContext context, WebhookUrlPolicy policy, WebhookEndpointStore store, AuditLog audit, CancellationToken ct) =>
            CreateAsync(tenantOf(context), request, context.User, policy, store, audit, ct))
            .WithSummary("Register an endpoint; the answer holds its signing secret, shown once");
        webhooks.MapGet("/", async (HttpContext context, WebhookEndpointStore store, CancellationToken ct) =>
            TypedResults.Ok((await store.ListAsync(tenantOf(context), ct).ConfigureAwait(false)).Select(e => ToResponse(e)).ToArray()))
            .WithSummary("The tenant's endpoints (never their secrets)");
        webhooks.MapGet("/{endpointId:guid}", async (Guid endpointId, HttpContext context, WebhookEndpointStore store, CancellationToken ct) =>
            TypedResults.Ok(ToResponse(await store.GetAsync(tenantOf(context), endpointId, ct).ConfigureAwait(false)
                ?? throw new EntityNotFoundException($"There is no webhook endpoint {endpointId}."))))
            .WithSummary("An endpoint");
        webhooks.MapPost("/{endpointId:guid}/rotate", (Guid endpointId, RotateWebhookSecretRequest? request, HttpContext context, WebhookEndpointStore store, AuditLog audit,
            IOptions<WebhookOptions> options, CancellationToken ct) =>
            RotateAsync(tenantOf(context), endpointId, request, context.User, store, audit, options.Value, ct))
            .WithSummary("Rotate the secret: the answer holds the new one; the old one keeps signing too for a while");
        webhooks.MapDelete("/{endpointId:guid}", (Guid endpointId, HttpContext context, WebhookEndpointStore store, AuditLog audit, CancellationToken ct) =>
            DeleteAsync(tenantOf(context), endpointId, context.User, store, audit, ct))
            .WithSummary("Delete an endpoint and what was still queued for it");
        webhooks.MapGet("/messages", async (int? max, HttpContext context, OutboxStore outbox, CancellationToken ct) =>
            TypedResults.Ok((await outbox.ListAsync(tenantOf(context), CheckMax(max), ct).ConfigureAwait(false)).Select(ToResponse).ToArray()))
            .WithSummary("Recent deliveries, newest first, with their status (Pending, Delivered, DeadLettered)");
        webhooks.MapGet("/dead-letters", async (int? max, HttpContext context, OutboxStore outbox, CancellationToken ct) =>
            TypedResults.Ok((await outbox.ListDeadLettersAsync(tenantOf(context), CheckMax(max), ct).ConfigureAwait(false)).Select(ToResponse).ToArray()))
            .WithSummary("Deliveries given up on after the retry window, newest first");
        webhooks.MapPost("/dead-letters/{messageId:guid}/retry", async (Guid messageId, HttpContext context, OutboxStore outbox, CancellationToken ct) =>
            TypedResults.Ok(ToResponse(await outbox.RetryDeadLetterAsync(tenantOf(context), messageId, context.User.Actor(), ct).ConfigureAwait(false))))
            .WithSummary("Re-queue a dead-lettered delivery, due now, with a fresh retry window");
    }

    private static async Task<IResult> CreateAsync(
        string tenantId, CreateWebhookEndpointRequest request, ClaimsPrincipal user, WebhookUrlPolicy policy, WebhookEndpointStore store, AuditLog audit, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var url = await policy.CheckAsync(request.Url, ct).ConfigureAwait(false);
        var created = await store.CreateAsync(tenantId, url, request.Description, ct).ConfigureAwait(false);
        await audit.AppendAsync(tenantId, user.Actor(), "webhook.created", "webhook", created.Endpoint.Id.ToString(),
            new { url = created.Endpoint.Url, created.Endpoint.Description }, ct).ConfigureAwait(false);
        return TypedResults.Created($"webhooks/{created.Endpoint.Id}", ToResponse(created.Endpoint, created.Secret));
    }

    private static async Task<IResult> RotateAsync(
        string tenantId, Guid endpointId, RotateWebhookSecretRequest? request, ClaimsPrincipal user, WebhookEndpointStore store, AuditLog audit, WebhookOptions options,
        CancellationToken ct)
    {
        var seconds = request?.PreviousSecretValidForSeconds;
        if (seconds is < 0 or > MaxRotationOverlapSeconds)
        {
            throw new ArgumentException($"previousSecretValidForSeconds must be 0..{MaxRotationOverlapSeconds}, got {seconds}.");
        }

        var overlap = seconds is { } s ? TimeSpan.FromSeconds(s) : options.RotationOverlap;
        var rotated = await store.RotateSecretAsync(tenantId, endpointId, overlap, ct).ConfigureAwait(false);
        await audit.AppendAsync(tenantId, user.Actor(), "webhook.secret_rotated", "webhook", endpointId.ToString(),
            new { previousSecretExpiresAt = rotated.Endpoint.PreviousSecretExpiresAt }, ct).ConfigureAwait(false);
        return TypedResults.Ok(ToResponse(rotated.Endpoint, rotated.Secret));
    }

    private static async Task<IResult> DeleteAsync(
        string tenantId, Guid endpointId, ClaimsPrincipal user, WebhookEndpointStore store, AuditLog audit, CancellationToken ct)
    {
        if (!await store.DeleteAsync(tenantId, endpointId, ct).ConfigureAwait(false))
        {
            throw new EntityNotFoundException($"There is no webhook endpoint {endpointId}.");
        }

        await audit.AppendAsync(tenantId, user.Actor(), "webhook.deleted", "webhook", endpointId.ToString(), null, ct).ConfigureAwait(false);
        return TypedResults.NoContent();
    }

    private static int CheckMax(int? max) =>
        max is null or (>= 1 and <= 1000) ? max ?? 100 : throw new ArgumentException($"max must be 1..1000, got {max}.");

    private static WebhookEndpointResponse ToResponse(WebhookEndpoint endpoint, string? secret = null) =>
        new(endpoint.Id, endpoint.Url, endpoint.Description, endpoint.CreatedAt, endpoint.RotatedAt, endpoint.PreviousSecretExpiresAt, secret);

    private static WebhookMessageResponse ToResponse(OutboxMessage message) =>
        new(message.Id, message.EndpointId, message.EventId, message.EventType, message.OrderingKey,
            OutboxStore.StatusOf(message),
            message.Attempts, message.CreatedAt, message.NextAttemptAt, message.DeliveredAt, message.DeadLetteredAt, message.RequeuedAt, message.LastError);
}
