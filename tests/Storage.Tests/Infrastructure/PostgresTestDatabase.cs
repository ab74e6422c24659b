using LiveWatch.Storage;
using Microsoft.EntityFrameworkCore;

namespace LiveWatch.Storage.Tests.Infrastructure;

/// <summary>A database of its own on the shared test server, dropped on dispose.</summary>
public sealed class PostgresTestDatabase : ITestDatabase
{
    private readonly PostgresServerFixture _server;
    private readonly string _name;

    private PostgresTestDatabase(PostgresServerFixture server, string name)
    {
        _server = server;
        _name = name;
        ConnectionString = server.ConnectionStringFor(name);
    }

    public string Provider => "Postgres";

    public string ConnectionString { get; }

    public static async Task<PostgresTestDatabase> CreateAsync(PostgresServerFixture server, bool migrated = true) =>
        new(server, await server.CreateDatabaseAsync(migrated));

    public LiveWatchDbContext CreateContext()
    {
        var builder = new DbContextOptionsBuilder<PostgresLiveWatchDbContext>();
        PostgresLiveWatchDbContext.Configure(builder, ConnectionString);
        return new PostgresLiveWatchDbContext(builder.Options);
    }

    public async ValueTask DisposeAsync() => await _server.DropDatabaseAsync(_name);
}
