using Microsoft.EntityFrameworkCore;

namespace LiveWatch.Storage.Accounts;

/// <summary>Dashboard accounts on PostgreSQL (the store's database). Migrations: <c>Migrations/Accounts/Postgres</c>.</summary>
public sealed class PostgresAccountsDbContext : AccountsDbContext
{
    /// <summary>Creates the context.</summary>
    public PostgresAccountsDbContext(DbContextOptions<PostgresAccountsDbContext> options)
        : base(options)
    {
    }

    /// <summary>Configures <paramref name="builder"/> for PostgreSQL with this context's history table.</summary>
    public static DbContextOptionsBuilder Configure(DbContextOptionsBuilder builder, string connectionString)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        return builder.UseNpgsql(connectionString, npgsql => npgsql.MigrationsHistoryTable(MigrationsHistoryTable));
    }
}
