using System.Security.Cryptography;
using LiveWatch.Storage.Entities;
using LiveWatch.Storage.Secrets;
using Microsoft.EntityFrameworkCore;

namespace LiveWatch.Storage.Stores;

/// <summary>
/// Tenants' webhook endpoints and their signing secrets. The URL's safety (scheme, address) is checked by the caller
/// (the API's URL policy) before it gets here; this store checks only its shape and size. Secrets are stored sealed
/// (<see cref="WebhookSecretProtector"/>); the plain secret is handed out once, when it is made.
/// </summary>
public sealed class WebhookEndpointStore
{
    /// <summary>Most endpoints one tenant may have.</summary>
    public const int MaxEndpointsPerTenant = 10;

    private const string SecretPrefix = "whsec_";

    private readonly LiveWatchDbContext _db;
    private readonly TimeProvider _time;
    private readonly WebhookSecretProtector _secrets;

    /// <summary>Creates the store over a unit of work.</summary>
    public WebhookEndpointStore(LiveWatchDbContext db, TimeProvider time, WebhookSecretProtector secrets)
    {
        _db = db;
        _time = time;
        _secrets = secrets;
    }

    /// <summary>Creates an endpoint with a new random secret.</summary>
    /// <exception cref="EntityNotFoundException">No such tenant.</exception>
    /// <exception cref="EntityConflictException">The tenant has <see cref="MaxEndpointsPerTenant"/> endpoints already.</exception>
    public async Task<CreatedWebhookEndpoint> CreateAsync(string tenantId, Uri url, string? description, CancellationToken cancellationToken = default)
    {
        Guard.TenantId(tenantId);
        ArgumentNullException.ThrowIfNull(url);
        Guard.Text(url.AbsoluteUri, WebhookEndpoint.MaxUrlLength, nameof(url));
        Guard.OptionalText(description, WebhookEndpoint.MaxDescriptionLength, nameof(description));
        return await _db.ExecuteInTransactionAsync(
            async ct =>
            {
                if (!await _db.Tenants.AnyAsync(t => t.Id == tenantId, ct).ConfigureAwait(false))
                {
                    throw new EntityNotFoundException($"Tenant '{tenantId}' does not exist.");
                }

                var count = await _db.WebhookEndpoints.CountAsync(e => e.TenantId == tenantId, ct).ConfigureAwait(false);
                if (count >= MaxEndpointsPerTenant)
                {
                    throw new EntityConflictException($"Tenant '{tenantId}' has {count} webhook endpoints, the most allowed; delete one first.");
                }

                var secret = NewSecret();
                var id = Guid.CreateVersion7();
                var endpoint = new WebhookEndpoint
                {
                    Id = id,
                    TenantId = tenantId,
                    Url = url.AbsoluteUri,
                    Description = description,
                    Secret = _secrets.Seal(secret, id),
                    CreatedAt = _time.UtcNow(),
                };
                _db.WebhookEndpoints.Add(endpoint);
                await _db.SaveChangesAsync(ct).ConfigureAwait(false);
                return new CreatedWebhookEndpoint(endpoint, secret);
            },
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The tenant's endpoints, oldest first.</summary>
    public async Task<IReadOnlyList<WebhookEndpoint>> ListAsync(string tenantId, CancellationToken cancellationToken = default)
    {
        Guard.TenantId(tenantId);
        return await _db.WebhookEndpoints.AsNoTracking()
            .Where(e => e.TenantId == tenantId)
            .OrderBy(e => e.CreatedAt).ThenBy(e => e.Id)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The tenant's endpoint, or null.</summary>
    public Task<WebhookEndpoint?> GetAsync(string tenantId, Guid endpointId, CancellationToken cancellationToken = default)
    {
        Guard.TenantId(tenantId);
        return _db.WebhookEndpoints.AsNoTracking().FirstOrDefaultAsync(e => e.Id == endpointId && e.TenantId == tenantId, cancellationToken);
    }

    /// <summary>Endpoints by id, of any tenant: for the dispatcher, which serves every tenant.</summary>
    public async Task<IReadOnlyDictionary<Guid, WebhookEndpoint>> GetManyAsync(IReadOnlyCollection<Guid> endpointIds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(endpointIds);
        var ids = endpointIds.Distinct().ToList();
        return await _db.WebhookEndpoints.AsNoTracking()
            .Where(e => ids.Contains(e.Id))
            .ToDictionaryAsync(e => e.Id, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Replaces the secret with a new random one. The old one stays in use for signing (both signatures are sent)
    /// for <paramref name="previousValidFor"/> so the tenant can deploy the new one without refusing calls; zero
    /// drops it at once (a leaked secret). The kept one is sealed again (a secret stored before sealing is sealed now).
    /// </summary>
    /// <exception cref="EntityNotFoundException">No such endpoint for the tenant.</exception>
    /// <exception cref="InvalidOperationException">The old secret is kept but does not open with the configured key.</exception>
    public async Task<CreatedWebhookEndpoint> RotateSecretAsync(string tenantId, Guid endpointId, TimeSpan previousValidFor, CancellationToken cancellationToken = default)
    {
        Guard.TenantId(tenantId);
        ArgumentOutOfRangeException.ThrowIfLessThan(previousValidFor, TimeSpan.Zero);
        return await _db.ExecuteInTransactionAsync(
            async ct =>
            {
                _db.ForgetUnchanged<WebhookEndpoint>(endpointId);
                var endpoint = await _db.WebhookEndpoints.FirstOrDefaultAsync(e => e.Id == endpointId && e.TenantId == tenantId, ct).ConfigureAwait(false)
                    ?? throw new EntityNotFoundException($"There is no webhook endpoint {endpointId}.");
                var now = _time.UtcNow();
                var secret = NewSecret();
                endpoint.PreviousSecret = previousValidFor > TimeSpan.Zero ? _secrets.Seal(_secrets.Open(endpoint.Secret, endpoint.Id), endpoint.Id) : null;
                endpoint.PreviousSecretExpiresAt = previousValidFor > TimeSpan.Zero ? Timestamps.Normalize(now + previousValidFor) : null;
                endpoint.Secret = _secrets.Seal(secret, endpoint.Id);
                endpoint.RotatedAt = now;
                await _db.SaveChangesAsync(ct).ConfigureAwait(false);
                return new CreatedWebhookEndpoint(endpoint, secret);
            },
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Deletes the endpoint and what was still queued for it; false if there was none.</summary>
    public async Task<bool> DeleteAsync(string tenantId, Guid endpointId, CancellationToken cancellationToken = default)
    {
        Guard.TenantId(tenantId);
        return await _db.ExecuteInTransactionAsync(
            async ct =>
            {
                await _db.OutboxMessages.Where(m => m.EndpointId == endpointId && m.TenantId == tenantId).ExecuteDeleteAsync(ct).ConfigureAwait(false);
                return await _db.WebhookEndpoints.Where(e => e.Id == endpointId && e.TenantId == tenantId).ExecuteDeleteAsync(ct).ConfigureAwait(false) > 0;
            },
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Seals the secrets still stored plain (written before sealing), each only if its row is unchanged since it was
    /// read: a rotation meanwhile (or another silo's pass) wins. Run once at start.
    /// </summary>
    /// <returns>How many endpoints were sealed.</returns>
    public async Task<int> SealPlainSecretsAsync(CancellationToken cancellationToken = default)
    {
        var plain = await _db.WebhookEndpoints.AsNoTracking()
            .Where(e => !e.Secret.StartsWith(WebhookSecretProtector.SealedPrefix)
                || (e.PreviousSecret != null && !e.PreviousSecret.StartsWith(WebhookSecretProtector.SealedPrefix)))
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var count = 0;
        foreach (var endpoint in plain)
        {
            var secret = Reseal(endpoint.Secret, endpoint.Id);
            var previous = endpoint.PreviousSecret is { } p ? Reseal(p, endpoint.Id) : null;
            count += await _db.WebhookEndpoints
                .Where(e => e.Id == endpoint.Id && e.Secret == endpoint.Secret && e.PreviousSecret == endpoint.PreviousSecret)
                .ExecuteUpdateAsync(u => u.SetProperty(e => e.Secret, secret).SetProperty(e => e.PreviousSecret, previous), cancellationToken).ConfigureAwait(false);
        }

        return count;
    }

    private string Reseal(string stored, Guid endpointId) =>
        WebhookSecretProtector.IsSealed(stored) ? stored : _secrets.Seal(stored, endpointId);

    // 32 random bytes: as strong as the HMAC-SHA256 key can use.
    private static string NewSecret() => SecretPrefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
