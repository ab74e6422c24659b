using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace LiveWatch.Storage.Design;

/// <summary>
/// Lets <c>dotnet ef</c> build the PostgreSQL context without a host:
/// <c>dotnet ef migrations add NAME --project src/Storage --context PostgresLiveWatchDbContext --output-dir Migrations/Postgres</c>.
/// The connection is never opened for <c>migrations add</c>; set LIVEWATCH_DESIGN_POSTGRES to point other commands
/// (<c>database update</c>, <c>migrations script</c>) at a real server.
/// </summary>
internal sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresLiveWatchDbContext>
{
    public PostgresLiveWatchDbContext CreateDbContext(string[] args)
    {
        var connectionString = Environment.GetEnvironmentVariable("LIVEWATCH_DESIGN_POSTGRES");
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            connectionString = "Host=localhost;Database=livewatch;Username=livewatch";
        }

        var builder = new DbContextOptionsBuilder<PostgresLiveWatchDbContext>();
        PostgresLiveWatchDbContext.Configure(builder, connectionString);
        return new PostgresLiveWatchDbContext(builder.Options);
    }
}
