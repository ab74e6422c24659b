using LiveWatch.Storage.Accounts;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace LiveWatch.Storage.Design;

/// <summary>
/// Lets <c>dotnet ef</c> build the PostgreSQL accounts context without a host:
/// <c>dotnet ef migrations add NAME --project src/Storage --context PostgresAccountsDbContext --output-dir Migrations/Accounts/Postgres</c>.
/// LIVEWATCH_DESIGN_POSTGRES points commands that connect at a real server.
/// </summary>
internal sealed class PostgresAccountsDesignTimeFactory : IDesignTimeDbContextFactory<PostgresAccountsDbContext>
{
    public PostgresAccountsDbContext CreateDbContext(string[] args)
    {
        var connectionString = Environment.GetEnvironmentVariable("LIVEWATCH_DESIGN_POSTGRES");
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            connectionString = "Host=localhost;Database=livewatch;Username=livewatch";
        }

        var builder = new DbContextOptionsBuilder<PostgresAccountsDbContext>();
        PostgresAccountsDbContext.Configure(builder, connectionString);
        return new PostgresAccountsDbContext(builder.Options);
    }
}
