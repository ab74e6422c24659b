using LiveWatch.Storage;
using Microsoft.EntityFrameworkCore;

namespace LiveWatch.Storage.Tests.Infrastructure;

/// <summary>A SQLite file in its own temp directory, migrated with the SQLite migrations.</summary>
public sealed class SqliteTestDatabase : ITestDatabase
{
    private readonly TempDirectory _directory = new();

    private SqliteTestDatabase()
    {
        ConnectionString = $"Data Source={_directory.File("livewatch.db")}";
    }

    public string Provider => "Sqlite";

    public string ConnectionString { get; }

    public string FilePath => _directory.File("livewatch.db");

    public static async Task<SqliteTestDatabase> CreateAsync(bool migrate = true)
    {
        var database = new SqliteTestDatabase();
        if (migrate)
        {
            await using var context = database.CreateContext();
            await context.Database.MigrateAsync();
        }

        return database;
    }

    public LiveWatchDbContext CreateContext()
    {
        var builder = new DbContextOptionsBuilder<SqliteLiveWatchDbContext>();
        SqliteLiveWatchDbContext.Configure(builder, ConnectionString, TimeSpan.FromSeconds(10));
        return new SqliteLiveWatchDbContext(builder.Options);
    }

    public ValueTask DisposeAsync()
    {
        _directory.Dispose();
        return ValueTask.CompletedTask;
    }
}
