using System.Collections.Concurrent;
using LiveWatch.Storage.Sqlite;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace LiveWatch.Storage;

/// <summary>The moderation store on SQLite (the single-node default). Migrations: <c>Migrations/Sqlite</c>.</summary>
public sealed class SqliteLiveWatchDbContext : LiveWatchDbContext
{
    // One per database file: every context of this process on that file shares it (see EnterWriterAsync).
    private static readonly ConcurrentDictionary<string, SemaphoreSlim> WriterGates = new(StringComparer.Ordinal);

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

    /// <summary>
    /// Transactions of this process on one database file take turns in order. SQLite admits one writer at a time
    /// anyway; left to itself, a waiting BEGIN IMMEDIATE polls with sleeps (up to ~150 ms each in
    /// Microsoft.Data.Sqlite), which measured p95 frame-to-incident latency at 0.8 s with four incidents opening at once.
    /// The gate is per file and per process, like SQLite's own lock; other processes still meet the busy timeout.
    /// </summary>
    internal override async ValueTask<IDisposable?> EnterWriterAsync(CancellationToken cancellationToken)
    {
        var gate = WriterGates.GetOrAdd(Database.GetConnectionString() ?? string.Empty, static _ => new SemaphoreSlim(1, 1));
        var timeout = TimeSpan.FromSeconds(Math.Max(1, Database.GetCommandTimeout() ?? 30));
        if (!await gate.WaitAsync(timeout, cancellationToken).ConfigureAwait(false))
        {
            throw new TimeoutException($"The SQLite moderation store stayed busy for {timeout.TotalSeconds:0} s: another writer of this process did not finish.");
        }

        return new WriterTurn(gate);
    }

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

    private sealed class WriterTurn(SemaphoreSlim gate) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                gate.Release();
            }
        }
    }
}
