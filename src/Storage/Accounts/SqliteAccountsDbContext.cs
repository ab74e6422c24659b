using LiveWatch.Storage.Sqlite;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace LiveWatch.Storage.Accounts;

/// <summary>Dashboard accounts on SQLite (the store's file). Migrations: <c>Migrations/Accounts/Sqlite</c>.</summary>
public sealed class SqliteAccountsDbContext : AccountsDbContext
{
    /// <summary>Creates the context.</summary>
    public SqliteAccountsDbContext(DbContextOptions<SqliteAccountsDbContext> options)
        : base(options)
    {
    }

    /// <summary>Configures <paramref name="builder"/> as the store's SQLite context is configured, with this context's history table.</summary>
    public static DbContextOptionsBuilder Configure(DbContextOptionsBuilder builder, string connectionString, TimeSpan busyTimeout)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        var connection = new SqliteConnectionStringBuilder(connectionString)
        {
            ForeignKeys = true,
            DefaultTimeout = Math.Max(1, (int)Math.Ceiling(busyTimeout.TotalSeconds)),
        };
        return builder
            .UseSqlite(connection.ToString(), sqlite => sqlite.MigrationsHistoryTable(MigrationsHistoryTable))
            .AddInterceptors(new SqlitePragmaInterceptor(busyTimeout));
    }

    /// <inheritdoc />
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        ArgumentNullException.ThrowIfNull(configurationBuilder);
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UtcTextDateTimeOffsetConverter>();
    }
}
