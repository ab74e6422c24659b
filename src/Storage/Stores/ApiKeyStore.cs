using System.Security.Cryptography;
using System.Text;
using LiveWatch.Storage.Entities;
using Microsoft.EntityFrameworkCore;

namespace LiveWatch.Storage.Stores;

/// <summary>
/// API keys. A token is <c>lw_&lt;prefix&gt;_&lt;secret&gt;</c>: 12 hex digits of public prefix that find the row, and 64
/// hex digits (256 random bits) of secret of which only the SHA-256 is stored. A plain hash is enough: the secret is
/// random, not a password, so there is nothing to brute-force that a slow hash would protect.
/// </summary>
public sealed class ApiKeyStore
{
    private const string TokenStart = "lw_";
    private const int PrefixBytes = 6;
    private const int SecretBytes = 32;
    private const int PrefixLength = PrefixBytes * 2;
    private const int SecretLength = SecretBytes * 2;

    // Compared against when the prefix is unknown, so that every failed lookup costs the same work.
    private static readonly byte[] MissingKeyHash = new byte[SHA256.HashSizeInBytes];

    private readonly LiveWatchDbContext _db;
    private readonly TimeProvider _time;

    /// <summary>Creates the store over a unit of work.</summary>
    public ApiKeyStore(LiveWatchDbContext db, TimeProvider time)
    {
        _db = db;
        _time = time;
    }

    /// <summary>
    /// Creates a key and returns its token, which is not stored and cannot be shown again. A platform key needs a
    /// tenant; an admin key without a tenant is an operator key.
    /// </summary>
    public async Task<CreatedApiKey> CreateAsync(string? tenantId, string name, ApiKeyRole role, CancellationToken cancellationToken = default)
    {
        Guard.OptionalTenantId(tenantId);
        Guard.Text(name, 200, nameof(name));
        if (!Enum.IsDefined(role))
        {
            throw new ArgumentOutOfRangeException(nameof(role), role, "Unknown role.");
        }

        if (role == ApiKeyRole.Platform && tenantId is null)
        {
            throw new ArgumentException("A platform key belongs to a tenant: give the tenant id.", nameof(tenantId));
        }

        return await _db.ExecuteInTransactionAsync(
            async ct =>
            {
                if (tenantId is not null && !await _db.Tenants.AnyAsync(t => t.Id == tenantId, ct).ConfigureAwait(false))
                {
                    throw new EntityNotFoundException($"Tenant '{tenantId}' does not exist.");
                }

                // 48 random bits of prefix: a clash is all but impossible, and the unique index catches it anyway.
                var prefix = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(PrefixBytes));
                var secret = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(SecretBytes));
                var key = new ApiKey
                {
                    Id = Guid.CreateVersion7(),
                    TenantId = tenantId,
                    Name = name,
                    Role = role,
                    Prefix = prefix,
                    SecretHash = HashSecret(secret),
                    CreatedAt = _time.UtcNow(),
                };
                _db.ApiKeys.Add(key);
                await _db.SaveChangesAsync(ct).ConfigureAwait(false);
                return new CreatedApiKey(ApiKeyInfo.From(key), $"{TokenStart}{prefix}_{secret}");
            },
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Checks a bearer token. The secret is compared in constant time.</summary>
    public async Task<ApiKeyVerification> VerifyAsync(string? token, CancellationToken cancellationToken = default)
    {
        if (!TryParse(token, out var prefix, out var secret))
        {
            return new ApiKeyVerification(ApiKeyVerificationStatus.Malformed, null);
        }

        var key = await _db.ApiKeys.AsNoTracking().FirstOrDefaultAsync(k => k.Prefix == prefix, cancellationToken).ConfigureAwait(false);
        var matches = CryptographicOperations.FixedTimeEquals(HashSecret(secret), key?.SecretHash ?? MissingKeyHash);
        if (key is null)
        {
            return new ApiKeyVerification(ApiKeyVerificationStatus.UnknownKey, null);
        }

        var info = ApiKeyInfo.From(key);
        if (!matches)
        {
            return new ApiKeyVerification(ApiKeyVerificationStatus.WrongSecret, info);
        }

        return key.RevokedAt is null
            ? new ApiKeyVerification(ApiKeyVerificationStatus.Valid, info)
            : new ApiKeyVerification(ApiKeyVerificationStatus.Revoked, info);
    }

    /// <summary>Revokes a key of the owner (a tenant, or null for operator keys); false if it was already revoked.</summary>
    public async Task<bool> RevokeAsync(string? tenantId, Guid keyId, CancellationToken cancellationToken = default)
    {
        Guard.OptionalTenantId(tenantId);
        return await _db.ExecuteInTransactionAsync(
            async ct =>
            {
                _db.ForgetUnchanged<ApiKey>(keyId);
                var key = await _db.ApiKeys.FirstOrDefaultAsync(k => k.Id == keyId && k.TenantId == tenantId, ct).ConfigureAwait(false)
                    ?? throw new EntityNotFoundException($"There is no API key {keyId}{(tenantId is null ? " among the operator keys" : $" for tenant '{tenantId}'")}.");
                if (key.RevokedAt is not null)
                {
                    return false;
                }

                key.RevokedAt = _time.UtcNow();
                await _db.SaveChangesAsync(ct).ConfigureAwait(false);
                return true;
            },
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The owner's keys (a tenant, or null for operator keys), newest first.</summary>
    public async Task<IReadOnlyList<ApiKeyInfo>> ListAsync(string? tenantId, CancellationToken cancellationToken = default)
    {
        Guard.OptionalTenantId(tenantId);
        var keys = await _db.ApiKeys.AsNoTracking()
            .Where(k => k.TenantId == tenantId)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        return keys.OrderByDescending(k => k.CreatedAt).ThenBy(k => k.Id).Select(ApiKeyInfo.From).ToList();
    }

    private static byte[] HashSecret(string secret) => SHA256.HashData(Encoding.UTF8.GetBytes(secret));

    private static bool TryParse(string? token, out string prefix, out string secret)
    {
        prefix = secret = string.Empty;
        if (token is null || token.Length != TokenStart.Length + PrefixLength + 1 + SecretLength || !token.StartsWith(TokenStart, StringComparison.Ordinal))
        {
            return false;
        }

        var prefixPart = token.AsSpan(TokenStart.Length, PrefixLength);
        var separator = token[TokenStart.Length + PrefixLength];
        var secretPart = token.AsSpan(TokenStart.Length + PrefixLength + 1);
        if (separator != '_' || !IsLowerHex(prefixPart) || !IsLowerHex(secretPart))
        {
            return false;
        }

        prefix = prefixPart.ToString();
        secret = secretPart.ToString();
        return true;
    }

    private static bool IsLowerHex(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            if (c is not ((>= '0' and <= '9') or (>= 'a' and <= 'f')))
            {
                return false;
            }
        }

        return true;
    }
}
