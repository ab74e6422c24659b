using LiveWatch.Storage.Accounts;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace LiveWatch.Storage.Design;

/// <summary>
/// Lets <c>dotnet ef</c> build the SQLite accounts context without a host:
/// <c>dotnet ef migrations add NAME --project src/Storage --context SqliteAccountsDbContext --output-dir Migrations/Accounts/Sqlite</c>.
/// </summary>
internal sealed class SqliteAccountsDesignTimeFactory : IDesignTimeDbContextFactory<SqliteAccountsDbContext>
{
    public SqliteAccountsDbContext CreateDbContext(string[] args)
    {
        var builder = new DbContextOptionsBuilder<SqliteAccountsDbContext>();
        var file = Path.Combine(Path.GetTempPath(), "livewatch-design.db");
        SqliteAccountsDbContext.Configure(builder, $"Data Source={file}", TimeSpan.FromSeconds(5));
        return new SqliteAccountsDbContext(builder.Options);
    }
}
