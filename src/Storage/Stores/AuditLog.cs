using LiveWatch.Storage.Entities;
using Microsoft.EntityFrameworkCore;

namespace LiveWatch.Storage.Stores;

/// <summary>
/// The append-only audit log: who did what to which subject. Appends join the caller's transaction, so an audit
/// entry exists exactly when the change it records does.
/// </summary>
public sealed class AuditLog
{
    private readonly LiveWatchDbContext _db;
    private readonly TimeProvider _time;

    /// <summary>Creates the log over a unit of work.</summary>
    public AuditLog(LiveWatchDbContext db, TimeProvider time)
    {
        _db = db;
        _time = time;
    }

    /// <summary>
    /// Appends an entry; <paramref name="details"/> is an object to serialize, a string holding a JSON document, or
    /// null (stored as <c>{}</c>).
    /// <paramref name="tenantId"/> null marks an operator-level action.
    /// </summary>
    public async Task<AuditEntry> AppendAsync(
        string? tenantId,
        string actor,
        string action,
        string subjectType,
        string subjectId,
        object? details = null,
        CancellationToken cancellationToken = default)
    {
        Guard.OptionalTenantId(tenantId);
        Guard.Text(actor, 200, nameof(actor));
        Guard.Text(action, 200, nameof(action));
        Guard.Text(subjectType, 200, nameof(subjectType));
        Guard.Text(subjectId, 200, nameof(subjectId));
        var entry = new AuditEntry
        {
            At = _time.UtcNow(),
            TenantId = tenantId,
            Actor = actor,
            Action = action,
            SubjectType = subjectType,
            SubjectId = subjectId,
            Details = StorageJson.Serialize(details, nameof(details)),
        };
        _db.AuditEntries.Add(entry);
        await _db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        return entry;
    }

    /// <summary>
    /// Entries of one tenant (or, for null, the operator-level entries only) matching <paramref name="query"/>,
    /// in sequence order.
    /// </summary>
    public async Task<IReadOnlyList<AuditEntry>> QueryAsync(string? tenantId, AuditQuery? query = null, CancellationToken cancellationToken = default)
    {
        Guard.OptionalTenantId(tenantId);
        query ??= new AuditQuery();
        var take = Guard.Max(query.Max, 1000, nameof(query.Max));
        var rows = tenantId is null
            ? _db.AuditEntries.AsNoTracking().Where(a => a.TenantId == null)
            : _db.AuditEntries.AsNoTracking().Where(a => a.TenantId == tenantId);
        rows = rows.Where(a => a.Sequence > query.AfterSequence);
        if (query.From is { } from)
        {
            var fromUtc = Timestamps.Normalize(from);
            rows = rows.Where(a => a.At >= fromUtc);
        }

        if (query.To is { } to)
        {
            var toUtc = Timestamps.Normalize(to);
            rows = rows.Where(a => a.At < toUtc);
        }

        if (query.Actor is { } actor)
        {
            rows = rows.Where(a => a.Actor == actor);
        }

        if (query.Action is { } action)
        {
            rows = rows.Where(a => a.Action == action);
        }

        return await rows.OrderBy(a => a.Sequence).Take(take).ToListAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The tenant's entries with <paramref name="action"/> about <paramref name="subjectId"/>: entries whose subject it
    /// is, or whose details name it (an evidence frame's reveal names its incident), in sequence order.
    /// </summary>
    public async Task<IReadOnlyList<AuditEntry>> ListAboutAsync(string tenantId, string action, string subjectId, int max = 1000, CancellationToken cancellationToken = default)
    {
        Guard.TenantId(tenantId);
        Guard.Text(action, 200, nameof(action));
        Guard.Text(subjectId, 200, nameof(subjectId));
        var take = Guard.Max(max, 10_000, nameof(max));
        return await _db.AuditEntries.AsNoTracking()
            .Where(a => a.TenantId == tenantId && a.Action == action && (a.SubjectId == subjectId || a.Details.Contains(subjectId)))
            .OrderBy(a => a.Sequence)
            .Take(take)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
    }
}
