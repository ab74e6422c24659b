using LiveWatch.Storage.Entities;
using Microsoft.EntityFrameworkCore;

namespace LiveWatch.Storage.Stores;

/// <summary>
/// The webhook outbox. Enqueue inside the transaction of the change the message reports
/// (<see cref="EnqueueEventAsync"/>: one message per endpoint of the tenant); the silos' dispatchers claim due
/// messages (<see cref="ClaimDueAsync"/>) and record the outcome of each attempt.
/// </summary>
public sealed class OutboxStore
{
    private readonly LiveWatchDbContext _db;
    private readonly TimeProvider _time;

    /// <summary>Creates the store over a unit of work.</summary>
    public OutboxStore(LiveWatchDbContext db, TimeProvider time)
    {
        _db = db;
        _time = time;
    }

    /// <summary>
    /// Enqueues a message for the tenant, due now, unless one with the same <paramref name="idempotencyKey"/> exists
    /// (then nothing is written and the result is false). <paramref name="payload"/> is an object to serialize or a
    /// string holding a JSON document. Joins the caller's transaction.
    /// </summary>
    public async Task<bool> EnqueueAsync(
        string tenantId,
        string eventType,
        object payload,
        string idempotencyKey,
        CancellationToken cancellationToken = default)
    {
        Guard.TenantId(tenantId);
        Guard.Text(eventType, 100, nameof(eventType));
        Guard.Text(idempotencyKey, 200, nameof(idempotencyKey));
        ArgumentNullException.ThrowIfNull(payload);
        if (await _db.OutboxMessages.AnyAsync(m => m.IdempotencyKey == idempotencyKey, cancellationToken).ConfigureAwait(false))
        {
            return false;
        }

        var now = _time.UtcNow();
        _db.OutboxMessages.Add(new OutboxMessage
        {
            Id = Guid.CreateVersion7(),
            TenantId = tenantId,
            EventType = eventType,
            Payload = StorageJson.Serialize(payload, nameof(payload)),
            IdempotencyKey = idempotencyKey,
            CreatedAt = now,
            NextAttemptAt = now,
        });
        await _db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <summary>
    /// Enqueues one event for every webhook endpoint the tenant has now, in the caller's transaction, as the
    /// signed envelope <c>{id, type, createdAt, tenantId, streamId, data}</c> (see docs/webhooks.md). The event id
    /// must be deterministic from the change it reports: a message whose (event, endpoint) is already in the outbox is
    /// not enqueued again, so a retried call announces nothing twice.
    /// </summary>
    /// <returns>How many messages were enqueued (0 when the tenant has no endpoint).</returns>
    public Task<int> EnqueueEventAsync(
        string tenantId,
        string eventType,
        string streamId,
        string eventId,
        object data,
        CancellationToken cancellationToken = default) =>
        StageEventAsync(_db, _time, tenantId, eventType, streamId, eventId, data, cancellationToken);

    /// <summary>
    /// Claims up to <paramref name="max"/> due messages for <paramref name="owner"/> until now +
    /// <paramref name="lease"/>, and returns them. A message is due when its next attempt time has come, no other
    /// dispatcher holds an unexpired lease on it, and no earlier message of the same stream (ordering key) for the same
    /// endpoint is still pending: so per stream and endpoint, deliveries happen one at a time and in order.
    /// </summary>
    /// <remarks>
    /// Each claim is one conditional UPDATE (lease free, still pending, still the head of its stream), so two silos
    /// that read the same candidates never both claim one: the database decides, without a lock held across the HTTP
    /// call. A dispatcher that dies leaves its lease to expire, and another silo sends the message again (delivery is
    /// at least once; the event id lets receivers drop the repeat).
    /// </remarks>
    public async Task<IReadOnlyList<OutboxMessage>> ClaimDueAsync(string owner, TimeSpan lease, int max = 50, CancellationToken cancellationToken = default)
    {
        Guard.Text(owner, 200, nameof(owner));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(lease, TimeSpan.Zero);
        var take = Guard.Max(max, 1000);
        var now = _time.UtcNow();
        var until = Timestamps.Normalize(now + lease);
        var pending = _db.OutboxMessages.Where(m => m.DeliveredAt == null && m.DeadLetteredAt == null && m.EndpointId != null);
        var candidates = await pending
            .Where(m => m.NextAttemptAt <= now && (m.LeasedUntil == null || m.LeasedUntil < now))
            .Where(m => !pending.Any(p => p.EndpointId == m.EndpointId && p.OrderingKey == m.OrderingKey && p.Sequence < m.Sequence))
            .OrderBy(m => m.NextAttemptAt).ThenBy(m => m.Sequence)
            .Select(m => m.Id)
            .Take(take)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var claimed = new List<Guid>(candidates.Count);
        foreach (var id in candidates)
        {
            var rows = await _db.OutboxMessages
                .Where(m => m.Id == id && m.DeliveredAt == null && m.DeadLetteredAt == null && m.NextAttemptAt <= now &&
                    (m.LeasedUntil == null || m.LeasedUntil < now) &&
                    !_db.OutboxMessages.Any(p => p.DeliveredAt == null && p.DeadLetteredAt == null &&
                        p.EndpointId == m.EndpointId && p.OrderingKey == m.OrderingKey && p.Sequence < m.Sequence))
                .ExecuteUpdateAsync(set => set.SetProperty(m => m.LeaseOwner, owner).SetProperty(m => m.LeasedUntil, until), cancellationToken)
                .ConfigureAwait(false);
            if (rows == 1)
            {
                claimed.Add(id);
            }
        }

        if (claimed.Count == 0)
        {
            return [];
        }

        return await _db.OutboxMessages.AsNoTracking()
            .Where(m => claimed.Contains(m.Id))
            .OrderBy(m => m.Sequence)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The tenant's dead-lettered messages, newest first.</summary>
    public async Task<IReadOnlyList<OutboxMessage>> ListDeadLettersAsync(string tenantId, int max = 100, CancellationToken cancellationToken = default)
    {
        Guard.TenantId(tenantId);
        var take = Guard.Max(max, 1000);
        return await _db.OutboxMessages.AsNoTracking()
            .Where(m => m.TenantId == tenantId && m.DeadLetteredAt != null)
            .OrderByDescending(m => m.DeadLetteredAt).ThenByDescending(m => m.Sequence)
            .Take(take)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The tenant's message, or null.</summary>
    public Task<OutboxMessage?> GetAsync(string tenantId, Guid messageId, CancellationToken cancellationToken = default)
    {
        Guard.TenantId(tenantId);
        return _db.OutboxMessages.AsNoTracking().FirstOrDefaultAsync(m => m.Id == messageId && m.TenantId == tenantId, cancellationToken);
    }

    /// <summary>
    /// Puts a dead-lettered message of the tenant back in the queue, due now, with a fresh retry window
    /// (<see cref="OutboxMessage.RequeuedAt"/>). It is its stream's earliest pending message again, so later events of
    /// the stream wait for it as they would have.
    /// </summary>
    /// <exception cref="EntityNotFoundException">No such message for the tenant.</exception>
    /// <exception cref="EntityConflictException">The message is not dead-lettered (pending or delivered).</exception>
    public async Task<OutboxMessage> RequeueDeadLetterAsync(string tenantId, Guid messageId, CancellationToken cancellationToken = default)
    {
        Guard.TenantId(tenantId);
        return await _db.ExecuteInTransactionAsync(
            async ct =>
            {
                var message = await _db.OutboxMessages.AsNoTracking().FirstOrDefaultAsync(m => m.Id == messageId && m.TenantId == tenantId, ct).ConfigureAwait(false)
                    ?? throw new EntityNotFoundException($"There is no webhook message {messageId}.");
                var now = _time.UtcNow();

                // Conditional, so of two retries at once (two Admins, the API and the dashboard) only one re-queues it.
                var rows = message.DeadLetteredAt is null ? 0 : await _db.OutboxMessages
                    .Where(m => m.Id == messageId && m.DeadLetteredAt != null)
                    .ExecuteUpdateAsync(
                        set => set.SetProperty(m => m.DeadLetteredAt, (DateTimeOffset?)null).SetProperty(m => m.RequeuedAt, now).SetProperty(m => m.NextAttemptAt, now)
                            .SetProperty(m => m.LeaseOwner, (string?)null).SetProperty(m => m.LeasedUntil, (DateTimeOffset?)null),
                        ct).ConfigureAwait(false);
                if (rows == 0)
                {
                    throw new EntityConflictException(message.DeliveredAt is { } delivered
                        ? $"Webhook message {messageId} was delivered at {delivered:O}; only dead-lettered messages are retried."
                        : message.DeadLetteredAt is null
                            ? $"Webhook message {messageId} is still being delivered (attempt {message.Attempts + 1} due at {message.NextAttemptAt:O}); only dead-lettered messages are retried."
                            : $"Webhook message {messageId} was re-queued by someone else a moment ago.");
                }

                // A copy this unit of work tracked before the UPDATE is stale now.
                _db.ForgetUnchanged<OutboxMessage>(messageId);
                message.DeadLetteredAt = null;
                message.RequeuedAt = now;
                message.NextAttemptAt = now;
                message.LeaseOwner = null;
                message.LeasedUntil = null;
                return message;
            },
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// A retry someone asked for (the API's <c>dead-letters/{id}/retry</c>, the dashboard's Retry button):
    /// <see cref="RequeueDeadLetterAsync"/> and the audit entry <c>webhook.message_requeued</c> naming
    /// <paramref name="actor"/>, in one transaction, so the entry exists exactly when the message was re-queued.
    /// </summary>
    /// <exception cref="EntityNotFoundException">No such message for the tenant.</exception>
    /// <exception cref="EntityConflictException">The message is not dead-lettered (someone retried it already, or it is pending).</exception>
    public Task<OutboxMessage> RetryDeadLetterAsync(string tenantId, Guid messageId, string actor, CancellationToken cancellationToken = default) =>
        _db.ExecuteInTransactionAsync(
            async ct =>
            {
                var message = await RequeueDeadLetterAsync(tenantId, messageId, ct).ConfigureAwait(false);
                await new AuditLog(_db, _time).AppendAsync(tenantId, actor, "webhook.message_requeued", "webhook-message", messageId.ToString(),
                    new { message.EventId, message.EventType, message.EndpointId }, ct).ConfigureAwait(false);
                return message;
            },
            cancellationToken);

    /// <summary>How many dead-lettered messages the tenants have, together (for a count beside a link).</summary>
    public async Task<int> CountDeadLettersAsync(IReadOnlyCollection<string> tenantIds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(tenantIds);
        var tenants = tenantIds.ToList();
        return await _db.OutboxMessages.CountAsync(m => tenants.Contains(m.TenantId) && m.DeadLetteredAt != null, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A message's delivery status as the API and the dashboard name it: Pending, Delivered or DeadLettered.</summary>
    public static string StatusOf(OutboxMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return message.DeliveredAt is not null ? "Delivered" : message.DeadLetteredAt is not null ? "DeadLettered" : "Pending";
    }

    /// <summary>
    /// Up to <paramref name="max"/> pending messages whose next attempt is due, oldest due first. For the
    /// dispatcher, which serves every tenant.
    /// </summary>
    public async Task<IReadOnlyList<OutboxMessage>> GetDueAsync(int max = 100, CancellationToken cancellationToken = default)
    {
        var take = Guard.Max(max, 1000);
        var now = _time.UtcNow();
        return await _db.OutboxMessages.AsNoTracking()
            .Where(m => m.DeliveredAt == null && m.DeadLetteredAt == null && m.NextAttemptAt <= now)
            .OrderBy(m => m.NextAttemptAt).ThenBy(m => m.Id)
            .Take(take)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The tenant's messages, newest first (for the tenant's delivery log).</summary>
    public async Task<IReadOnlyList<OutboxMessage>> ListAsync(string tenantId, int max = 100, CancellationToken cancellationToken = default)
    {
        Guard.TenantId(tenantId);
        var take = Guard.Max(max, 1000);
        return await _db.OutboxMessages.AsNoTracking()
            .Where(m => m.TenantId == tenantId)
            .OrderByDescending(m => m.CreatedAt).ThenByDescending(m => m.Id)
            .Take(take)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Records a successful delivery.</summary>
    public Task MarkDeliveredAsync(Guid messageId, CancellationToken cancellationToken = default)
    {
        var now = _time.UtcNow();
        return UpdateAsync(
            messageId,
            message =>
            {
                message.Attempts++;
                message.DeliveredAt = now;
                message.LastError = null;
                message.LeaseOwner = null;
                message.LeasedUntil = null;
            },
            cancellationToken);
    }

    /// <summary>Records a failed attempt: retry at <paramref name="nextAttemptAt"/>, or give up when <paramref name="deadLetter"/>.</summary>
    public Task MarkFailedAsync(Guid messageId, string error, DateTimeOffset nextAttemptAt, bool deadLetter = false, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(error);
        var now = _time.UtcNow();
        return UpdateAsync(
            messageId,
            message =>
            {
                message.Attempts++;
                message.LastError = error.Length > 2000 ? error[..2000] : error;
                message.NextAttemptAt = Timestamps.Normalize(nextAttemptAt);
                message.LeaseOwner = null;
                message.LeasedUntil = null;
                if (deadLetter)
                {
                    message.DeadLetteredAt = now;
                }
            },
            cancellationToken);
    }

    private async Task UpdateAsync(Guid messageId, Action<OutboxMessage> apply, CancellationToken cancellationToken)
    {
        _db.ForgetUnchanged<OutboxMessage>(messageId);
        var message = await _db.OutboxMessages.FirstOrDefaultAsync(m => m.Id == messageId, cancellationToken).ConfigureAwait(false)
            ?? throw new EntityNotFoundException($"There is no outbox message {messageId}.");
        apply(message);
        await _db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>See <see cref="EnqueueEventAsync"/>; for the stores that report changes (streams) in their own transactions.</summary>
    internal static async Task<int> StageEventAsync(
        LiveWatchDbContext db,
        TimeProvider time,
        string tenantId,
        string eventType,
        string streamId,
        string eventId,
        object data,
        CancellationToken cancellationToken)
    {
        Guard.TenantId(tenantId);
        Guard.Text(eventType, 100, nameof(eventType));
        Guard.Text(streamId, MonitoredStream.MaxStreamIdLength, nameof(streamId));
        Guard.Text(eventId, 150, nameof(eventId));
        ArgumentNullException.ThrowIfNull(data);
        var endpoints = await db.WebhookEndpoints.AsNoTracking()
            .Where(e => e.TenantId == tenantId)
            .OrderBy(e => e.CreatedAt).ThenBy(e => e.Id)
            .Select(e => e.Id)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        if (endpoints.Count == 0)
        {
            return 0;
        }

        var keys = endpoints.Select(e => IdempotencyKeyOf(eventId, e)).ToList();
        var existing = (await db.OutboxMessages.AsNoTracking()
            .Where(m => keys.Contains(m.IdempotencyKey))
            .Select(m => m.IdempotencyKey)
            .ToListAsync(cancellationToken).ConfigureAwait(false)).ToHashSet(StringComparer.Ordinal);
        var fresh = endpoints.Where(e => !existing.Contains(IdempotencyKeyOf(eventId, e))).ToList();
        if (fresh.Count == 0)
        {
            return 0;
        }

        // The sequence orders deliveries of a stream: taken under the lock that orders the feed and the audit log
        // (PostgreSQL), so a later transaction never takes a lower one. SQLite has one writer at a time anyway.
        await db.AcquireSequenceLockAsync(cancellationToken).ConfigureAwait(false);
        var sequence = await db.OutboxMessages.MaxAsync(m => (long?)m.Sequence, cancellationToken).ConfigureAwait(false) ?? 0;
        var now = time.UtcNow();
        var payload = StorageJson.Serialize(new WebhookEnvelope(eventId, eventType, now, tenantId, streamId, data));
        foreach (var endpoint in fresh)
        {
            db.OutboxMessages.Add(new OutboxMessage
            {
                Id = Guid.CreateVersion7(),
                Sequence = ++sequence,
                TenantId = tenantId,
                EndpointId = endpoint,
                EventId = eventId,
                EventType = eventType,
                OrderingKey = streamId,
                Payload = payload,
                IdempotencyKey = IdempotencyKeyOf(eventId, endpoint),
                CreatedAt = now,
                NextAttemptAt = now,
            });
        }

        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        return fresh.Count;
    }

    private static string IdempotencyKeyOf(string eventId, Guid endpointId) => $"{eventId}@{endpointId:N}";
}
