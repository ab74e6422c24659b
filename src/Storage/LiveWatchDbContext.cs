using LiveWatch.Storage.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace LiveWatch.Storage;

/// <summary>
/// The moderation store's model. Abstract because migrations are provider-specific: use
/// <see cref="SqliteLiveWatchDbContext"/> or <see cref="PostgresLiveWatchDbContext"/>, each with its own migration set;
/// stores and callers depend on this type only.
/// </summary>
/// <remarks>
/// One instance is one unit of work: stores resolved from the same scope share it, so several store calls inside
/// <see cref="ExecuteInTransactionAsync{T}"/> commit or roll back together.
/// </remarks>
public abstract class LiveWatchDbContext : DbContext
{
    /// <summary>Creates the context; only the provider-specific contexts derive from it.</summary>
    private protected LiveWatchDbContext(DbContextOptions options)
        : base(options)
    {
    }

    /// <summary>Tenants.</summary>
    public DbSet<Tenant> Tenants => Set<Tenant>();

    /// <summary>API keys.</summary>
    public DbSet<ApiKey> ApiKeys => Set<ApiKey>();

    /// <summary>Monitored streams.</summary>
    public DbSet<MonitoredStream> Streams => Set<MonitoredStream>();

    /// <summary>Hash banks.</summary>
    public DbSet<Bank> Banks => Set<Bank>();

    /// <summary>Bank entries.</summary>
    public DbSet<BankEntry> BankEntries => Set<BankEntry>();

    /// <summary>The bank change log.</summary>
    public DbSet<BankChange> BankChanges => Set<BankChange>();

    /// <summary>Incidents.</summary>
    public DbSet<Incident> Incidents => Set<Incident>();

    /// <summary>Incident matches.</summary>
    public DbSet<IncidentMatch> IncidentMatches => Set<IncidentMatch>();

    /// <summary>Evidence.</summary>
    public DbSet<Evidence> Evidence => Set<Evidence>();

    /// <summary>The audit log (append-only).</summary>
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();

    /// <summary>The webhook outbox.</summary>
    public DbSet<OutboxMessage> OutboxMessages => Set<OutboxMessage>();

    /// <summary>Tenants' webhook endpoints.</summary>
    public DbSet<WebhookEndpoint> WebhookEndpoints => Set<WebhookEndpoint>();

    /// <summary>Tenants' live feeds.</summary>
    public DbSet<FeedEvent> FeedEvents => Set<FeedEvent>();

    /// <summary>
    /// Runs <paramref name="work"/> in a transaction and commits it, or joins the transaction already open on this
    /// context. On failure the transaction rolls back and the change tracker is cleared, so nothing staged by the
    /// failed work is written by a later save.
    /// </summary>
    public async Task<T> ExecuteInTransactionAsync<T>(Func<CancellationToken, Task<T>> work, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(work);
        if (Database.CurrentTransaction is not null)
        {
            return await work(cancellationToken).ConfigureAwait(false);
        }

        var writer = await EnterWriterAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var transaction = await Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                try
                {
                    var result = await work(cancellationToken).ConfigureAwait(false);
                    await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                    return result;
                }
                catch
                {
                    ChangeTracker.Clear();
                    throw;
                }
            }
        }
        finally
        {
            writer?.Dispose();
        }
    }

    /// <summary>As <see cref="ExecuteInTransactionAsync{T}"/>, for work without a result.</summary>
    public Task ExecuteInTransactionAsync(Func<CancellationToken, Task> work, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(work);
        return ExecuteInTransactionAsync(
            async ct =>
            {
                await work(ct).ConfigureAwait(false);
                return true;
            },
            cancellationToken);
    }

    /// <inheritdoc />
    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        RejectAuditChanges();
        if (!NeedsSequenceLock())
        {
            return base.SaveChanges(acceptAllChangesOnSuccess);
        }

        if (Database.CurrentTransaction is not null)
        {
            AcquireSequenceLock();
            return base.SaveChanges(acceptAllChangesOnSuccess);
        }

        using var transaction = Database.BeginTransaction();
        AcquireSequenceLock();
        var count = base.SaveChanges(acceptAllChangesOnSuccess);
        transaction.Commit();
        return count;
    }

    /// <inheritdoc />
    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        RejectAuditChanges();
        if (!NeedsSequenceLock())
        {
            return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken).ConfigureAwait(false);
        }

        if (Database.CurrentTransaction is not null)
        {
            await AcquireSequenceLockAsync(cancellationToken).ConfigureAwait(false);
            return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken).ConfigureAwait(false);
        }

        var transaction = await Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using (transaction.ConfigureAwait(false))
        {
            await AcquireSequenceLockAsync(cancellationToken).ConfigureAwait(false);
            var count = await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            return count;
        }
    }

    /// <inheritdoc />
    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(LiveWatchDbContext).Assembly);
    }

    /// <summary>
    /// Whether rows of the sequenced logs (bank changes, feed, audit) must be inserted under a lock. Readers follow
    /// these logs with "after sequence S"; that is only safe if a row with a higher sequence never becomes visible
    /// before one with a lower sequence, i.e. if sequences are taken in commit order.
    /// </summary>
    internal abstract bool SequencedInsertsNeedLock { get; }

    /// <summary>Takes the transaction-scoped lock that orders sequenced inserts (see <see cref="SequencedInsertsNeedLock"/>).</summary>
    internal virtual void AcquireSequenceLock()
    {
    }

    /// <summary>Takes the transaction-scoped lock that orders sequenced inserts (see <see cref="SequencedInsertsNeedLock"/>).</summary>
    internal virtual Task AcquireSequenceLockAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>
    /// Stops tracking the entity with these key values if it is tracked and unchanged, so that the next tracked query
    /// reads it afresh: EF Core returns an already tracked instance as it is, and a store that decides from a stale
    /// instance (a version, an enabled flag) would decide wrongly. Changed instances are left alone.
    /// </summary>
    internal void ForgetUnchanged<TEntity>(params object[] keyValues)
        where TEntity : class
    {
        var entry = Set<TEntity>().Local.FindEntryUntyped(keyValues);
        if (entry is { State: EntityState.Unchanged })
        {
            entry.State = EntityState.Detached;
        }
    }

    /// <summary>Whether a failed save broke a unique index or key.</summary>
    internal abstract bool IsUniqueViolation(DbUpdateException exception);

    /// <summary>Waits for this process's turn to write, where the database wants writers queued; null where it does not.</summary>
    internal virtual ValueTask<IDisposable?> EnterWriterAsync(CancellationToken cancellationToken) => ValueTask.FromResult<IDisposable?>(null);

    /// <summary>Starts a read-only transaction that sees one consistent snapshot of the database.</summary>
    internal abstract Task<IAsyncDisposable> BeginSnapshotAsync(CancellationToken cancellationToken);

    private bool NeedsSequenceLock()
    {
        if (!SequencedInsertsNeedLock)
        {
            return false;
        }

        foreach (var entry in ChangeTracker.Entries())
        {
            if (entry.State == EntityState.Added && entry.Entity is BankChange or FeedEvent or AuditEntry or OutboxMessage)
            {
                return true;
            }
        }

        return false;
    }

    private void RejectAuditChanges()
    {
        foreach (var entry in ChangeTracker.Entries<AuditEntry>())
        {
            if (entry.State is EntityState.Modified or EntityState.Deleted)
            {
                throw new AppendOnlyViolationException(
                    $"The audit log is append-only: entry {entry.Entity.Sequence} cannot be " +
                    $"{(entry.State == EntityState.Deleted ? "deleted" : "modified")}. Append a new entry instead.");
            }
        }
    }
}
