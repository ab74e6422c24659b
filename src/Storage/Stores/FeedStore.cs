using LiveWatch.Storage.Entities;
using Microsoft.EntityFrameworkCore;

namespace LiveWatch.Storage.Stores;

/// <summary>
/// Tenants' live feeds. The stores append events in the same transaction as the change they report; dashboards
/// catch up with <see cref="GetEventsAfterAsync"/> from the last sequence they saw.
/// </summary>
public sealed class FeedStore
{
    /// <summary>Most events returned by one read.</summary>
    public const int MaxEventsPerRead = 1000;

    private readonly LiveWatchDbContext _db;

    /// <summary>Creates the store over a unit of work.</summary>
    public FeedStore(LiveWatchDbContext db)
    {
        _db = db;
    }

    /// <summary>Up to <paramref name="max"/> events of the tenant after <paramref name="afterSequence"/>, in order.</summary>
    public async Task<IReadOnlyList<FeedEvent>> GetEventsAfterAsync(string tenantId, long afterSequence, int max = 100, CancellationToken cancellationToken = default)
    {
        Guard.TenantId(tenantId);
        var take = Guard.Max(max, MaxEventsPerRead);
        return await _db.FeedEvents.AsNoTracking()
            .Where(e => e.TenantId == tenantId && e.Sequence > afterSequence)
            .OrderBy(e => e.Sequence)
            .Take(take)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The tenant's latest event sequence (0 if none): where a new dashboard starts following.</summary>
    public async Task<long> GetLatestSequenceAsync(string tenantId, CancellationToken cancellationToken = default)
    {
        Guard.TenantId(tenantId);
        return await _db.FeedEvents
            .Where(e => e.TenantId == tenantId)
            .MaxAsync(e => (long?)e.Sequence, cancellationToken).ConfigureAwait(false) ?? 0;
    }

    /// <summary>Stages an event on the context; the caller's next save writes it with the change it reports.</summary>
    internal static FeedEvent Stage(
        LiveWatchDbContext db,
        string tenantId,
        FeedEventKind kind,
        DateTimeOffset at,
        object payload,
        Guid? incidentId = null,
        string? streamId = null)
    {
        var feedEvent = new FeedEvent
        {
            TenantId = tenantId,
            Kind = kind,
            IncidentId = incidentId,
            StreamId = streamId,
            Payload = StorageJson.Serialize(payload),
            At = at,
        };
        db.FeedEvents.Add(feedEvent);
        return feedEvent;
    }
}
