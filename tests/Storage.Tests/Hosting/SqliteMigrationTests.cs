using LiveWatch.Storage.Hosting;
using LiveWatch.Storage.Stores;
using LiveWatch.Storage.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace LiveWatch.Storage.Tests.Hosting;

public sealed class SqliteMigrationTests
{
    private static readonly string[] Tables =
        ["ApiKeys", "AuditEntries", "BankChanges", "BankEntries", "Banks", "Evidence", "FeedEvents", "IncidentMatches", "Incidents", "OutboxMessages", "Streams", "Tenants", "WebhookEndpoints"];

    [Fact]
    public async Task Migrations_apply_on_an_empty_file()
    {
        await using var database = await SqliteTestDatabase.CreateAsync(migrate: false);
        await using var context = database.CreateContext();
        Assert.Equal(4, (await context.Database.GetPendingMigrationsAsync()).Count());

        await context.Database.MigrateAsync();

        Assert.Empty(await context.Database.GetPendingMigrationsAsync());
        var tables = await context.Database.SqlQueryRaw<string>("SELECT name AS \"Value\" FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite%' AND name NOT LIKE '\\_\\_%' ESCAPE '\\' ORDER BY name").ToListAsync();
        Assert.Equal(Tables, tables);
        var triggers = await context.Database.SqlQueryRaw<string>("SELECT name AS \"Value\" FROM sqlite_master WHERE type = 'trigger' ORDER BY name").ToListAsync();
        Assert.Equal(["AuditEntries_NoDelete", "AuditEntries_NoUpdate"], triggers);
    }

    [Fact]
    public async Task Evidence_stored_before_preview_frames_existed_reads_as_matched_frames_after_the_upgrade()
    {
        await using var database = await SqliteTestDatabase.CreateAsync(migrate: false);
        var incidentId = Guid.CreateVersion7();
        var evidenceId = Guid.CreateVersion7();
        await using (var context = database.CreateContext())
        {
            await context.Database.GetService<Microsoft.EntityFrameworkCore.Migrations.IMigrator>().MigrateAsync("20261125145131_AuditAppendOnly");
            const string at = "2026-01-01T00:00:00.000000Z";

            // Rows as the schema before preview frames held them (ids and times are the test's own, not input).
            var rows =
                $"""
                INSERT INTO "Tenants" ("Id", "Name", "CreatedAt") VALUES ('acme', 'Acme', '{at}');
                INSERT INTO "Streams" ("TenantId", "StreamId", "Priority", "State", "CreatedAt") VALUES ('acme', 's1', 0, 'Live', '{at}');
                INSERT INTO "Incidents" ("Id", "TenantId", "StreamId", "State", "Level", "OpenedAt", "UpdatedAt", "MatchCount", "Version")
                    VALUES ('{incidentId.ToString().ToUpperInvariant()}', 'acme', 's1', 'Open', 2, '{at}', '{at}', 0, 1);
                INSERT INTO "Evidence" ("Id", "IncidentId", "CapturedAt", "Thumbnail", "EncryptedFrame", "Nonce", "Tag", "KeyId", "ContentType")
                    VALUES ('{evidenceId.ToString().ToUpperInvariant()}', '{incidentId.ToString().ToUpperInvariant()}', '{at}', x'0102', x'09', zeroblob(12), zeroblob(16), 'k', 'image/png');
                """;
            await context.Database.ExecuteSqlRawAsync(rows);
            await context.Database.MigrateAsync();
        }

        await using var s = new StoreSet(database.CreateContext(), new ManualTimeProvider());
        var evidence = Assert.Single(await s.Incidents.ListEvidenceAsync("acme", incidentId));
        Assert.Equal((evidenceId, Storage.Entities.EvidenceKind.Match, (long?)null), (evidence.Id, evidence.Kind, evidence.PreviewSequence));
        Assert.Equal(new byte[] { 1, 2 }, evidence.Thumbnail);
    }

    [Fact]
    public async Task Connections_use_WAL_foreign_keys_and_a_busy_timeout()
    {
        await using var database = await SqliteTestDatabase.CreateAsync();
        await using var context = database.CreateContext();
        await context.Database.OpenConnectionAsync();
        var connection = (SqliteConnection)context.Database.GetDbConnection();

        Assert.Equal("wal", await Pragma(connection, "journal_mode"));
        Assert.Equal("1", await Pragma(connection, "foreign_keys"));
        Assert.Equal("10000", await Pragma(connection, "busy_timeout"));

        // Foreign keys are enforced: a bank entry of a bank that does not exist is refused.
        await using var command = connection.CreateCommand();
        command.CommandText = "INSERT INTO \"BankEntries\" (\"BankId\", \"Hash\", \"AddedAt\") VALUES (999, x'00', '2026-01-01T00:00:00.000000Z')";
        var error = await Assert.ThrowsAsync<SqliteException>(() => command.ExecuteNonQueryAsync());
        Assert.Contains("FOREIGN KEY", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_host_migrates_on_start_from_configuration_and_the_stores_work()
    {
        using var directory = new TempDirectory();
        var dataDirectory = Path.Combine(directory.Path, "nested", "data");
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Storage:Provider"] = "Sqlite",
            ["Storage:DataDirectory"] = dataDirectory,
        }).Build();
        var services = new ServiceCollection().AddLiveWatchStorage(configuration);
        await using var provider = services.BuildServiceProvider();

        foreach (var hosted in provider.GetServices<IHostedService>())
        {
            await hosted.StartAsync(CancellationToken.None);
        }

        Assert.True(File.Exists(Path.Combine(dataDirectory, "livewatch.db")));
        Assert.Empty(await provider.GetRequiredService<IStorageMigrator>().GetPendingMigrationsAsync());
        await using (var scope = provider.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<TenantStore>().CreateAsync("acme", "Acme");
            await scope.ServiceProvider.GetRequiredService<BankStore>().CreateBankAsync("acme", "own");
            Assert.Same(scope.ServiceProvider.GetRequiredService<LiveWatchDbContext>(), scope.ServiceProvider.GetRequiredService<LiveWatchDbContext>());
            Assert.IsType<SqliteLiveWatchDbContext>(scope.ServiceProvider.GetRequiredService<LiveWatchDbContext>());
        }

        await using (var scope = provider.CreateAsyncScope())
        {
            Assert.Single(await scope.ServiceProvider.GetRequiredService<BankStore>().ListBanksAsync("acme"));
        }
    }

    [Fact]
    public async Task MigrateOnStart_false_leaves_the_schema_alone()
    {
        using var directory = new TempDirectory();
        var options = new StorageOptions { DataDirectory = directory.Path, MigrateOnStart = false };
        await using var provider = new ServiceCollection().AddLiveWatchStorage(options).BuildServiceProvider();
        foreach (var hosted in provider.GetServices<IHostedService>())
        {
            await hosted.StartAsync(CancellationToken.None);
        }

        // The store's four migrations and the dashboard accounts' one.
        Assert.Equal(5, (await provider.GetRequiredService<IStorageMigrator>().GetPendingMigrationsAsync()).Count);
    }

    private static async Task<string> Pragma(SqliteConnection connection, string name)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = $"PRAGMA {name}";
        return Convert.ToString(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture)!;
    }

    [Fact]
    public async Task Every_time_column_is_stored_as_sortable_UTC_text_nullable_ones_included()
    {
        await using var database = await SqliteTestDatabase.CreateAsync(migrate: false);
        await using var context = database.CreateContext();
        var timeProperties = context.Model.GetEntityTypes()
            .SelectMany(e => e.GetProperties())
            .Where(p => p.ClrType == typeof(DateTimeOffset) || p.ClrType == typeof(DateTimeOffset?))
            .ToList();

        Assert.Contains(timeProperties, p => p.ClrType == typeof(DateTimeOffset?));
        Assert.All(timeProperties, p => Assert.Equal(typeof(string), p.GetValueConverter()?.ProviderClrType));
    }

    [Fact]
    public async Task Payload_strings_must_be_JSON_documents()
    {
        await using var database = await SqliteTestDatabase.CreateAsync();
        await using var s = new StoreSet(database.CreateContext(), new ManualTimeProvider());
        await s.Tenants.CreateAsync("acme", "Acme");
        await Assert.ThrowsAsync<ArgumentException>(() => s.Outbox.EnqueueAsync("acme", "x", "not json", "k"));
        await Assert.ThrowsAsync<ArgumentException>(() => s.Audit.AppendAsync("acme", "a", "b", "c", "d", "{broken"));
        Assert.True(await s.Outbox.EnqueueAsync("acme", "x", "{\"a\":1}", "k"));
        Assert.Equal("[1,2]", (await s.Audit.AppendAsync("acme", "a", "b", "c", "d", "[1,2]")).Details);
    }

    [Fact]
    public async Task Both_migration_sets_match_the_model()
    {
        // Fails when the model changed without "dotnet ef migrations add" for both providers (docs/storage.md).
        await using var sqlite = await SqliteTestDatabase.CreateAsync(migrate: false);
        await using var sqliteContext = sqlite.CreateContext();
        Assert.False(sqliteContext.Database.HasPendingModelChanges(), "The SQLite migrations are behind the model.");

        var builder = new DbContextOptionsBuilder<PostgresLiveWatchDbContext>();
        PostgresLiveWatchDbContext.Configure(builder, "Host=127.0.0.1;Database=unused");
        await using var postgresContext = new PostgresLiveWatchDbContext(builder.Options);
        Assert.False(postgresContext.Database.HasPendingModelChanges(), "The PostgreSQL migrations are behind the model.");
    }
}
