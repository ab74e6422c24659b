using LiveWatch.Contracts.Feed;
using LiveWatch.Storage.Entities;
using Microsoft.EntityFrameworkCore;

namespace LiveWatch.Storage.Stores;

/// <summary>
/// Monitored streams of a tenant. State changes go to the tenant's feed and (as <c>stream.state</c>) to its webhook
/// outbox in the same transaction.
/// </summary>
public sealed class StreamStore
{
    private readonly LiveWatchDbContext _db;
    private readonly TimeProvider _time;

    /// <summary>Creates the store over a unit of work.</summary>
    public StreamStore(LiveWatchDbContext db, TimeProvider time)
    {
        _db = db;
        _time = time;
    }

    /// <summary>Registers a stream in state <see cref="StreamState.Registered"/>.</summary>
    /// <exception cref="EntityConflictException">The tenant already has a stream with that id.</exception>
    public async Task<MonitoredStream> RegisterAsync(string tenantId, StreamRegistration stream, CancellationToken cancellationToken = default)
    {
        Guard.TenantId(tenantId);
        ArgumentNullException.ThrowIfNull(stream);
        Guard.Text(stream.StreamId, MonitoredStream.MaxStreamIdLength, nameof(stream.StreamId));
        Guard.OptionalText(stream.SourceUrl, 2048, nameof(stream.SourceUrl));
        Guard.OptionalText(stream.Channel, 200, nameof(stream.Channel));
        Guard.OptionalText(stream.UserId, 200, nameof(stream.UserId));
        Guard.OptionalText(stream.Title, 500, nameof(stream.Title));

        return await _db.ExecuteInTransactionAsync(
            async ct =>
            {
                if (!await _db.Tenants.AnyAsync(t => t.Id == tenantId, ct).ConfigureAwait(false))
                {
                    throw new EntityNotFoundException($"Tenant '{tenantId}' does not exist.");
                }

                if (await _db.Streams.AnyAsync(s => s.TenantId == tenantId && s.StreamId == stream.StreamId, ct).ConfigureAwait(false))
                {
                    throw new EntityConflictException($"Stream '{stream.StreamId}' is already registered.");
                }

                var now = _time.UtcNow();
                var row = new MonitoredStream
                {
                    TenantId = tenantId,
                    StreamId = stream.StreamId,
                    SourceUrl = stream.SourceUrl,
                    Channel = stream.Channel,
                    UserId = stream.UserId,
                    Title = stream.Title,
                    Priority = stream.Priority,
                    State = StreamState.Registered,
                    CreatedAt = now,
                };
                _db.Streams.Add(row);
                var feedEvent = FeedStore.Stage(_db, tenantId, FeedEventKind.StreamStateChanged, now, new { state = row.State }, streamId: row.StreamId);
                await _db.SaveChangesAsync(ct).ConfigureAwait(false);
                await StageStateWebhookAsync(tenantId, row, previous: null, feedEvent.Sequence, ct).ConfigureAwait(false);
                return row;
            },
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The tenant's stream, or null.</summary>
    public Task<MonitoredStream?> GetAsync(string tenantId, string streamId, CancellationToken cancellationToken = default)
    {
        Guard.TenantId(tenantId);
        ArgumentNullException.ThrowIfNull(streamId);
        return _db.Streams.AsNoTracking().FirstOrDefaultAsync(s => s.TenantId == tenantId && s.StreamId == streamId, cancellationToken);
    }

    /// <summary>The tenant's streams, optionally in one state, highest priority first.</summary>
    public async Task<IReadOnlyList<MonitoredStream>> ListAsync(string tenantId, StreamState? state = null, CancellationToken cancellationToken = default)
    {
        Guard.TenantId(tenantId);
        var query = _db.Streams.AsNoTracking().Where(s => s.TenantId == tenantId);
        if (state is { } only)
        {
            query = query.Where(s => s.State == only);
        }

        return await query.OrderByDescending(s => s.Priority).ThenBy(s => s.StreamId).ToListAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Every tenant's pulled streams still to follow: a source URL, and a state that is not Stopped, Ended or Failed,
    /// highest priority first. For the cluster's ingest scheduler, which rebuilds its set from it; never for a
    /// tenant's API.
    /// </summary>
    public async Task<IReadOnlyList<MonitoredStream>> ListPulledToFollowAsync(CancellationToken cancellationToken = default) =>
        await _db.Streams.AsNoTracking()
            .Where(s => s.SourceUrl != null && s.State != StreamState.Stopped && s.State != StreamState.Ended && s.State != StreamState.Failed)
            .OrderByDescending(s => s.Priority).ThenBy(s => s.TenantId).ThenBy(s => s.StreamId)
            .ToListAsync(cancellationToken).ConfigureAwait(false);

    /// <summary>
    /// As <see cref="SetStateAsync"/> for what the ingest side reports, except that a stream stopped on request stays
    /// Stopped (a worker's late report must not revive it); returns the row as it is then.
    /// </summary>
    public Task<MonitoredStream> SetIngestStateAsync(string tenantId, string streamId, StreamState state, CancellationToken cancellationToken = default) =>
        SetStateCoreAsync(tenantId, streamId, state, keepStopped: true, cancellationToken);

    /// <summary>
    /// Moves a stream to <paramref name="state"/> and reports it on the feed (nothing is written if it is already
    /// there). Ended, Failed and Stopped set <see cref="MonitoredStream.StoppedAt"/>.
    /// </summary>
    public Task<MonitoredStream> SetStateAsync(string tenantId, string streamId, StreamState state, CancellationToken cancellationToken = default) =>
        SetStateCoreAsync(tenantId, streamId, state, keepStopped: false, cancellationToken);

    private async Task<MonitoredStream> SetStateCoreAsync(string tenantId, string streamId, StreamState state, bool keepStopped, CancellationToken cancellationToken)
    {
        Guard.TenantId(tenantId);
        ArgumentNullException.ThrowIfNull(streamId);
        if (!Enum.IsDefined(state))
        {
            throw new ArgumentOutOfRangeException(nameof(state), state, "Unknown stream state.");
        }

        return await _db.ExecuteInTransactionAsync(
            async ct =>
            {
                _db.ForgetUnchanged<MonitoredStream>(tenantId, streamId);
                var row = await _db.Streams.FirstOrDefaultAsync(s => s.TenantId == tenantId && s.StreamId == streamId, ct).ConfigureAwait(false)
                    ?? throw new EntityNotFoundException($"There is no stream '{streamId}' for tenant '{tenantId}'.");
                if (row.State == state || (keepStopped && row.State == StreamState.Stopped))
                {
                    return row;
                }

                var now = _time.UtcNow();
                var previous = row.State;
                row.State = state;
                row.StoppedAt = state is StreamState.Ended or StreamState.Failed or StreamState.Stopped ? now : null;
                var feedEvent = FeedStore.Stage(_db, tenantId, FeedEventKind.StreamStateChanged, now, new { state, previous }, streamId: streamId);
                await _db.SaveChangesAsync(ct).ConfigureAwait(false);
                await StageStateWebhookAsync(tenantId, row, previous, feedEvent.Sequence, ct).ConfigureAwait(false);
                return row;
            },
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Records when the last frame arrived (one UPDATE, no read); false if the stream does not exist.</summary>
    public async Task<bool> RecordFrameAsync(string tenantId, string streamId, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        Guard.TenantId(tenantId);
        ArgumentNullException.ThrowIfNull(streamId);
        var when = Timestamps.Normalize(at);
        var updated = await _db.Streams
            .Where(s => s.TenantId == tenantId && s.StreamId == streamId)
            .ExecuteUpdateAsync(set => set.SetProperty(s => s.LastFrameAt, when), cancellationToken).ConfigureAwait(false);
        return updated > 0;
    }

    // The stream.state webhook, in the same transaction; its id is the feed event's sequence (one per change), so the
    // same change is never announced twice.
    private Task<int> StageStateWebhookAsync(string tenantId, MonitoredStream row, StreamState? previous, long feedSequence, CancellationToken ct) =>
        OutboxStore.StageEventAsync(
            _db,
            _time,
            tenantId,
            WebhookEventTypes.StreamState,
            row.StreamId,
            $"{WebhookEventTypes.StreamState}:{feedSequence}",
            new { streamId = row.StreamId, state = row.State, previous, userId = row.UserId, channel = row.Channel, stoppedAt = row.StoppedAt },
            ct);
}
