using LiveWatch.Storage;
using LiveWatch.Tests.Common;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace LiveWatch.Storage.Tests.Infrastructure;

/// <summary>
/// A throwaway PostgreSQL server for the test run (<see cref="PostgresServer"/>, shared with the other test projects
/// that need one). A template database is migrated once; each test class gets a copy of it.
/// </summary>
public sealed class PostgresServerFixture : IAsyncLifetime
{
    public const string TemplateDatabase = "livewatch_template";

    private readonly string _root = Path.Combine(Path.GetTempPath(), $"livewatch-pg-{Guid.NewGuid():N}");
    private PostgresServer? _server;

    public string ConnectionStringFor(string database) =>
        new NpgsqlConnectionStringBuilder(AdminConnectionString) { Database = database }.ConnectionString;

    public string AdminConnectionString { get; private set; } = string.Empty;

    public async Task InitializeAsync()
    {
        _server = await PostgresServer.StartAsync(_root);
        AdminConnectionString = new NpgsqlConnectionStringBuilder
        {
            Host = "127.0.0.1",
            Port = _server.Port,
            Username = "postgres",
            Database = "postgres",
            Timeout = 30,
            CommandTimeout = 60,
            MaxPoolSize = 20,
        }.ConnectionString;

        await ExecuteAdminAsync($"CREATE DATABASE \"{TemplateDatabase}\"");
        var builder = new DbContextOptionsBuilder<PostgresLiveWatchDbContext>();
        PostgresLiveWatchDbContext.Configure(builder, ConnectionStringFor(TemplateDatabase));
        await using (var context = new PostgresLiveWatchDbContext(builder.Options))
        {
            await context.Database.MigrateAsync();
        }

        // CREATE DATABASE ... TEMPLATE needs the template to have no sessions.
        NpgsqlConnection.ClearAllPools();
    }

    /// <summary>Creates a database, migrated (a copy of the template) or empty.</summary>
    public async Task<string> CreateDatabaseAsync(bool migrated = true)
    {
        var name = $"livewatch_{Guid.NewGuid():N}";
        await ExecuteAdminAsync(migrated ? $"CREATE DATABASE \"{name}\" TEMPLATE \"{TemplateDatabase}\"" : $"CREATE DATABASE \"{name}\"");
        return name;
    }

    public async Task DropDatabaseAsync(string name)
    {
        NpgsqlConnection.ClearAllPools();
        await ExecuteAdminAsync($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");
    }

    public async Task DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        if (_server is not null)
        {
            await _server.StopAndDeleteAsync();
        }
        else if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    private async Task ExecuteAdminAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(AdminConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
