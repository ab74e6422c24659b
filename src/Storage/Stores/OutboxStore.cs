using LiveWatch.Storage.Entities;
using Microsoft.EntityFrameworkCore;

namespace LiveWatch.Storage.Stores;

/// <summary>
/// The webhook outbox. Enqueue inside the transaction of the change the message reports; a dispatcher (a later
/// piece) reads due messages and records the outcome of each attempt.
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
}
