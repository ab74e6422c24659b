using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace LiveWatch.Storage.Design;

/// <summary>
/// Lets <c>dotnet ef</c> build the SQLite context without a host:
/// <c>dotnet ef migrations add NAME --project src/Storage --context SqliteLiveWatchDbContext --output-dir Migrations/Sqlite</c>.
/// The connection is never opened for <c>migrations add</c>; commands that do open it use a file in the temp directory,
/// so no stray database lands in the source tree.
/// </summary>
internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteLiveWatchDbContext>
{
    public SqliteLiveWatchDbContext CreateDbContext(string[] args)
    {
        var builder = new DbContextOptionsBuilder<SqliteLiveWatchDbContext>();
        var file = Path.Combine(Path.GetTempPath(), "livewatch-design.db");
        SqliteLiveWatchDbContext.Configure(builder, $"Data Source={file}", TimeSpan.FromSeconds(5));
        return new SqliteLiveWatchDbContext(builder.Options);
    }
}
