using System.Data;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace LiveWatch.Storage;

/// <summary>The moderation store on PostgreSQL (Npgsql). Migrations: <c>Migrations/Postgres</c>.</summary>
public sealed class PostgresLiveWatchDbContext : LiveWatchDbContext
{
    // Transaction-scoped advisory lock that orders sequenced inserts; the key is "LWSQ" in ASCII (0x4C575351).
    private const string SequenceLockSql = "SELECT pg_advisory_xact_lock(1280792401)";

    /// <summary>Creates the context.</summary>
    public PostgresLiveWatchDbContext(DbContextOptions<PostgresLiveWatchDbContext> options)
        : base(options)
    {
    }

    /// <summary>Configures <paramref name="builder"/> for a PostgreSQL database and this context's migrations.</summary>
    public static DbContextOptionsBuilder Configure(DbContextOptionsBuilder builder, string connectionString)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        return builder.UseNpgsql(connectionString);
    }

    // Identity values are taken when a row is inserted, not when its transaction commits: without a lock, sequence 11
    // can commit before 10, and a reader that saw 11 would never see 10. The lock makes sequence order commit order.
    internal override bool SequencedInsertsNeedLock => true;

    internal override void AcquireSequenceLock() => Database.ExecuteSqlRaw(SequenceLockSql);

    internal override Task AcquireSequenceLockAsync(CancellationToken cancellationToken) =>
        Database.ExecuteSqlRawAsync(SequenceLockSql, cancellationToken);

    internal override bool IsUniqueViolation(DbUpdateException exception) =>
        exception.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation };

    internal override async Task<IAsyncDisposable> BeginSnapshotAsync(CancellationToken cancellationToken)
    {
        await Database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var connection = (NpgsqlConnection)Database.GetDbConnection();

        // REPEATABLE READ gives the whole transaction one snapshot.
        var transaction = await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken).ConfigureAwait(false);
        await Database.UseTransactionAsync(transaction, cancellationToken).ConfigureAwait(false);
        return new SnapshotScope(this, transaction);
    }
}
