using LiveWatch.Contracts.Feed;
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

    /// <summary>
    /// Up to <paramref name="max"/> events of the tenant after <paramref name="afterSequence"/>, in order, as feed
    /// notifications: what a subscriber reads to catch up or to fill a gap.
    /// </summary>
    public async Task<IReadOnlyList<FeedNotification>> GetNotificationsAfterAsync(string tenantId, long afterSequence, int max = 100, CancellationToken cancellationToken = default)
    {
        var events = await GetEventsAfterAsync(tenantId, afterSequence, max, cancellationToken).ConfigureAwait(false);
        return events.Count == 0
            ? []
            : Chain(events, await GetPreviousSequenceAsync(tenantId, events[0].Sequence, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>
    /// The events saved so far through this store's unit of work (the scope's context), as notifications in sequence
    /// order. Call it inside the transaction that wrote them, after the last save and before the commit: under the
    /// transaction's sequence lock every lower sequence is already committed, so each notification's
    /// <see cref="FeedNotification.PreviousSequence"/> is exact and a subscriber can trust it to detect a gap.
    /// </summary>
    public async Task<IReadOnlyList<FeedNotification>> GetWrittenNotificationsAsync(CancellationToken cancellationToken = default)
    {
        var written = _db.ChangeTracker.Entries<FeedEvent>()
            .Where(e => e.State == EntityState.Unchanged)
            .Select(e => e.Entity)
            .OrderBy(e => e.Sequence)
            .ToList();
        var notifications = new List<FeedNotification>(written.Count);
        foreach (var tenant in written.GroupBy(e => e.TenantId, StringComparer.Ordinal))
        {
            var events = tenant.ToList();
            notifications.AddRange(Chain(events, await GetPreviousSequenceAsync(tenant.Key, events[0].Sequence, cancellationToken).ConfigureAwait(false)));
        }

        notifications.Sort((a, b) => a.Sequence.CompareTo(b.Sequence));
        return notifications;
    }

    /// <summary>The tenant's latest event sequence (0 if none): where a new dashboard starts following.</summary>
    public async Task<long> GetLatestSequenceAsync(string tenantId, CancellationToken cancellationToken = default)
    {
        Guard.TenantId(tenantId);
        return await _db.FeedEvents
            .Where(e => e.TenantId == tenantId)
            .MaxAsync(e => (long?)e.Sequence, cancellationToken).ConfigureAwait(false) ?? 0;
    }

    // The tenant's last event before `sequence` (0 if none).
    private async Task<long> GetPreviousSequenceAsync(string tenantId, long sequence, CancellationToken cancellationToken) =>
        await _db.FeedEvents
            .Where(e => e.TenantId == tenantId && e.Sequence < sequence)
            .MaxAsync(e => (long?)e.Sequence, cancellationToken).ConfigureAwait(false) ?? 0;

    // Events of one tenant in sequence order, each linked to the one before it.
    private static List<FeedNotification> Chain(IReadOnlyList<FeedEvent> events, long previous)
    {
        var notifications = new List<FeedNotification>(events.Count);
        foreach (var e in events)
        {
            notifications.Add(new FeedNotification(e.TenantId, e.Sequence, previous, e.Kind, e.IncidentId, e.StreamId, e.At, e.Payload));
            previous = e.Sequence;
        }

        return notifications;
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
