using LiveWatch.Storage.Sqlite;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace LiveWatch.Storage;

/// <summary>The moderation store on SQLite (the single-node default). Migrations: <c>Migrations/Sqlite</c>.</summary>
public sealed class SqliteLiveWatchDbContext : LiveWatchDbContext
{
    // SQLite's extended result codes for a broken UNIQUE constraint and a duplicate primary key.
    private const int SqliteConstraintUnique = 2067;
    private const int SqliteConstraintPrimaryKey = 1555;

    /// <summary>Creates the context.</summary>
    public SqliteLiveWatchDbContext(DbContextOptions<SqliteLiveWatchDbContext> options)
        : base(options)
    {
    }

    /// <summary>
    /// Configures <paramref name="builder"/> for a SQLite database: the connection string, the pragmas every
    /// connection needs (WAL, foreign keys, busy timeout) and this context's migrations.
    /// </summary>
    public static DbContextOptionsBuilder Configure(DbContextOptionsBuilder builder, string connectionString, TimeSpan busyTimeout)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        var connection = new SqliteConnectionStringBuilder(connectionString)
        {
            ForeignKeys = true,

            // Microsoft.Data.Sqlite retries a busy database until the command timeout; keep both waits equal.
            DefaultTimeout = Math.Max(1, (int)Math.Ceiling(busyTimeout.TotalSeconds)),
        };
        return builder
            .UseSqlite(connection.ToString())
            .AddInterceptors(new SqlitePragmaInterceptor(busyTimeout));
    }

    /// <inheritdoc />
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        ArgumentNullException.ThrowIfNull(configurationBuilder);
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UtcTextDateTimeOffsetConverter>();
    }

    // Writers are serialized by SQLite itself (Microsoft.Data.Sqlite begins transactions with BEGIN IMMEDIATE, and
    // a lone save takes the write lock too), so sequences are already taken in commit order.
    internal override bool SequencedInsertsNeedLock => false;

    internal override bool IsUniqueViolation(DbUpdateException exception) =>
        exception.InnerException is SqliteException { SqliteExtendedErrorCode: SqliteConstraintUnique or SqliteConstraintPrimaryKey };

    internal override async Task<IAsyncDisposable> BeginSnapshotAsync(CancellationToken cancellationToken)
    {
        await Database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var connection = (SqliteConnection)Database.GetDbConnection();

        // A deferred transaction takes no write lock: under WAL it reads one snapshot while writers go on.
        var transaction = connection.BeginTransaction(deferred: true);
        await Database.UseTransactionAsync(transaction, cancellationToken).ConfigureAwait(false);
        return new SnapshotScope(this, transaction);
    }
}
