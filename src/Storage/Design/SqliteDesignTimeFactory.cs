using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace LiveWatch.Storage.Design;

/// <summary>
/// Lets <c>dotnet ef</c> build the SQLite context without a host:
/// <c>dotnet ef migrations add NAME --project src/Storage --context SqliteLiveWatchDbContext --output-dir Migrations/Sqlite</c>.
/// The connection is never opened for <c>migrations add</c>.
/// </summary>
internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteLiveWatchDbContext>
{
    public SqliteLiveWatchDbContext CreateDbContext(string[] args)
    {
        var builder = new DbContextOptionsBuilder<SqliteLiveWatchDbContext>();
        SqliteLiveWatchDbContext.Configure(builder, "Data Source=livewatch-design.db", TimeSpan.FromSeconds(5));
        return new SqliteLiveWatchDbContext(builder.Options);
    }
}
