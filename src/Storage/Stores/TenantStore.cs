using System.Text.RegularExpressions;
using LiveWatch.Storage.Entities;
using Microsoft.EntityFrameworkCore;

namespace LiveWatch.Storage.Stores;

/// <summary>Tenants. Creating and listing tenants is an operator's job; a platform only ever reads its own.</summary>
public sealed partial class TenantStore
{
    private readonly LiveWatchDbContext _db;
    private readonly TimeProvider _time;

    /// <summary>Creates the store over a unit of work.</summary>
    public TenantStore(LiveWatchDbContext db, TimeProvider time)
    {
        _db = db;
        _time = time;
    }

    /// <summary>Whether <paramref name="id"/> is a valid slug: 1..64 of a-z, 0-9 and inner hyphens.</summary>
    public static bool IsValidId(string? id) => id is not null && SlugPattern().IsMatch(id);

    /// <summary>Creates a tenant.</summary>
    /// <exception cref="EntityConflictException">The id is taken.</exception>
    public async Task<Tenant> CreateAsync(string id, string name, CancellationToken cancellationToken = default)
    {
        if (!IsValidId(id))
        {
            throw new ArgumentException(
                $"'{id}' is not a tenant id: use 1 to {Tenant.MaxIdLength} lowercase letters, digits and inner hyphens (for example 'acme-live').",
                nameof(id));
        }

        Guard.Text(name, 200, nameof(name));
        return await _db.ExecuteInTransactionAsync(
            async ct =>
            {
                if (await _db.Tenants.AnyAsync(t => t.Id == id, ct).ConfigureAwait(false))
                {
                    throw new EntityConflictException($"Tenant '{id}' already exists.");
                }

                var tenant = new Tenant { Id = id, Name = name, CreatedAt = _time.UtcNow() };
                _db.Tenants.Add(tenant);
                await _db.SaveChangesAsync(ct).ConfigureAwait(false);
                return tenant;
            },
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The tenant, or null.</summary>
    public Task<Tenant?> GetAsync(string id, CancellationToken cancellationToken = default)
    {
        Guard.TenantId(id, nameof(id));
        return _db.Tenants.AsNoTracking().FirstOrDefaultAsync(t => t.Id == id, cancellationToken);
    }

    /// <summary>Every tenant, by id (operator only).</summary>
    public async Task<IReadOnlyList<Tenant>> ListAsync(CancellationToken cancellationToken = default) =>
        await _db.Tenants.AsNoTracking().OrderBy(t => t.Id).ToListAsync(cancellationToken).ConfigureAwait(false);

    [GeneratedRegex("^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$", RegexOptions.CultureInvariant)]
    private static partial Regex SlugPattern();
}
