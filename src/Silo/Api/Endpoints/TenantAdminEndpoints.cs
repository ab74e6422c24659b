using System.Security.Claims;
using LiveWatch.Silo.Api.Authentication;
using LiveWatch.Silo.Api.Models;
using LiveWatch.Storage;
using LiveWatch.Storage.Entities;
using LiveWatch.Storage.Stores;

namespace LiveWatch.Silo.Api.Endpoints;

/// <summary><c>/api/v1/admin/tenants</c>: operators onboard platforms and manage their API keys. Every change is audited.</summary>
internal static class TenantAdminEndpoints
{
    public static RouteGroupBuilder MapTenantAdminEndpoints(this RouteGroupBuilder admin)
    {
        var tenants = admin.MapGroup("/tenants").WithTags("Admin: tenants");
        tenants.MapPost("/", CreateAsync).WithSummary("Create a tenant (a platform)");
        tenants.MapGet("/", ListAsync).WithSummary("List tenants");
        tenants.MapPost("/{tenantId}/keys", CreateKeyAsync).WithSummary("Create a platform API key; the token is in this answer only");
        tenants.MapGet("/{tenantId}/keys", ListKeysAsync).WithSummary("List a tenant's API keys (never their secrets)");
        tenants.MapDelete("/{tenantId}/keys/{keyId:guid}", RevokeKeyAsync).WithSummary("Revoke an API key");
        return admin;
    }

    private static async Task<IResult> CreateAsync(
        CreateTenantRequest request, ClaimsPrincipal user, TenantStore tenants, AuditLog audit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var tenant = await tenants.CreateAsync(request.Id, request.Name, cancellationToken).ConfigureAwait(false);
        await audit.AppendAsync(tenant.Id, user.Actor(), "tenant.created", "tenant", tenant.Id, new { tenant.Name }, cancellationToken).ConfigureAwait(false);
        return TypedResults.Created($"/api/v1/admin/tenants/{tenant.Id}", tenant.ToResponse());
    }

    private static async Task<IResult> ListAsync(TenantStore tenants, CancellationToken cancellationToken)
    {
        var rows = await tenants.ListAsync(cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok(rows.Select(t => t.ToResponse()).ToArray());
    }

    private static async Task<IResult> CreateKeyAsync(
        string tenantId, CreateKeyRequest request, ClaimsPrincipal user, TenantStore tenants, ApiKeyStore keys, AuditLog audit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        await RequireTenantAsync(tenants, tenantId, cancellationToken).ConfigureAwait(false);
        var created = await keys.CreateAsync(tenantId, request.Name, ApiKeyRole.Platform, cancellationToken).ConfigureAwait(false);
        await audit.AppendAsync(tenantId, user.Actor(), "apikey.created", "apikey", created.Key.Id.ToString(),
            new { created.Key.Name, created.Key.Prefix }, cancellationToken).ConfigureAwait(false);
        return TypedResults.Created($"/api/v1/admin/tenants/{tenantId}/keys/{created.Key.Id}", created.Key.ToResponse(created.Token));
    }

    private static async Task<IResult> ListKeysAsync(string tenantId, TenantStore tenants, ApiKeyStore keys, CancellationToken cancellationToken)
    {
        await RequireTenantAsync(tenants, tenantId, cancellationToken).ConfigureAwait(false);
        var rows = await keys.ListAsync(tenantId, cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok(rows.Select(k => k.ToResponse()).ToArray());
    }

    private static async Task<IResult> RevokeKeyAsync(
        string tenantId, Guid keyId, ClaimsPrincipal user, ApiKeyStore keys, AuditLog audit, CancellationToken cancellationToken)
    {
        var revoked = await keys.RevokeAsync(tenantId, keyId, cancellationToken).ConfigureAwait(false);
        if (revoked)
        {
            await audit.AppendAsync(tenantId, user.Actor(), "apikey.revoked", "apikey", keyId.ToString(), null, cancellationToken).ConfigureAwait(false);
        }

        return TypedResults.NoContent();
    }

    internal static async Task RequireTenantAsync(TenantStore tenants, string tenantId, CancellationToken cancellationToken)
    {
        _ = await tenants.GetAsync(tenantId, cancellationToken).ConfigureAwait(false)
            ?? throw new EntityNotFoundException($"Tenant '{tenantId}' does not exist.");
    }
}
