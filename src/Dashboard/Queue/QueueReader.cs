using LiveWatch.Storage;
using LiveWatch.Storage.Entities;
using Microsoft.EntityFrameworkCore;

namespace LiveWatch.Dashboard.Queue;

/// <summary>The queue's read model over the moderation store: incidents with their best match's bank.</summary>
public sealed class QueueReader
{
    private readonly LiveWatchDbContext _db;

    public QueueReader(LiveWatchDbContext db)
    {
        _db = db;
    }

    /// <summary>Incidents of <paramref name="tenants"/> passing <paramref name="filter"/>, most severe first, then newest.</summary>
    public async Task<IReadOnlyList<QueueRow>> ListAsync(IReadOnlyCollection<string> tenants, QueueFilter filter, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(tenants);
        ArgumentNullException.ThrowIfNull(filter);
        if (tenants.Count == 0)
        {
            return [];
        }

        var rows = _db.Incidents.AsNoTracking().Where(i => tenants.Contains(i.TenantId));
        if (filter.State is { } state)
        {
            rows = rows.Where(i => i.State == state);
        }

        if (filter.Level is { } level)
        {
            rows = rows.Where(i => i.Level == level);
        }

        if (!string.IsNullOrEmpty(filter.StreamId))
        {
            rows = rows.Where(i => i.StreamId == filter.StreamId);
        }

        // Newest first in SQL (the level order is applied below, on at most Max rows of each level's newest).
        var incidents = await rows.OrderByDescending(i => i.OpenedAt).Take(Math.Clamp(filter.Max, 1, 1000) * 2).ToListAsync(cancellationToken).ConfigureAwait(false);
        var result = await ToRowsAsync(incidents, cancellationToken).ConfigureAwait(false);
        return result.Where(filter.Matches)
            .OrderByDescending(r => r.LevelRank).ThenByDescending(r => r.OpenedAt)
            .Take(Math.Clamp(filter.Max, 1, 1000))
            .ToList();
    }

    /// <summary>One incident as a queue row, if it belongs to one of <paramref name="tenants"/>.</summary>
    public async Task<QueueRow?> GetAsync(string tenantId, Guid incidentId, CancellationToken cancellationToken = default)
    {
        var incident = await _db.Incidents.AsNoTracking().FirstOrDefaultAsync(i => i.Id == incidentId && i.TenantId == tenantId, cancellationToken).ConfigureAwait(false);
        return incident is null ? null : (await ToRowsAsync([incident], cancellationToken).ConfigureAwait(false))[0];
    }

    /// <summary>How many open incidents of <paramref name="tenants"/> nobody is assigned to.</summary>
    public Task<int> CountUnassignedAsync(IReadOnlyCollection<string> tenants, CancellationToken cancellationToken = default) =>
        _db.Incidents.AsNoTracking()
            .CountAsync(i => tenants.Contains(i.TenantId) && i.State == IncidentState.Open && i.AssignedTo == null, cancellationToken);

    /// <summary>Banks the user may filter by: the global ones and those of <paramref name="tenants"/>.</summary>
    public async Task<IReadOnlyList<(long Id, string Name)>> ListBanksAsync(IReadOnlyCollection<string> tenants, CancellationToken cancellationToken = default)
    {
        var banks = await _db.Banks.AsNoTracking()
            .Where(b => b.DeletedAt == null && (b.TenantId == null || tenants.Contains(b.TenantId)))
            .OrderBy(b => b.Name)
            .Select(b => new { b.Id, b.Name })
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        return banks.Select(b => (b.Id, b.Name)).ToList();
    }

    private async Task<List<QueueRow>> ToRowsAsync(IReadOnlyList<Incident> incidents, CancellationToken cancellationToken)
    {
        var ids = incidents.Select(i => i.Id).ToList();
        var matches = await _db.IncidentMatches.AsNoTracking()
            .Where(m => ids.Contains(m.IncidentId))
            .Select(m => new { m.IncidentId, m.Distance, m.BankId })
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var best = matches.GroupBy(m => m.IncidentId).ToDictionary(g => g.Key, g => g.MinBy(m => m.Distance)!.BankId);
        var bankIds = best.Values.Distinct().ToList();
        var names = await _db.Banks.AsNoTracking().Where(b => bankIds.Contains(b.Id)).ToDictionaryAsync(b => b.Id, b => b.Name, cancellationToken).ConfigureAwait(false);
        return incidents.Select(i =>
        {
            long? bank = best.TryGetValue(i.Id, out var b) ? b : null;
            return new QueueRow(i.Id, i.TenantId, i.StreamId, i.State.ToString(), i.Level.ToString(), (int)i.Level, i.MatchCount, i.BestDistance,
                bank, bank is { } id && names.TryGetValue(id, out var name) ? name : null, i.OpenedAt, i.UpdatedAt, i.AssignedTo);
        }).ToList();
    }
}
