using LiveWatch.Storage.Hosting;
using LiveWatch.Storage.Stores;
using LiveWatch.Storage.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace LiveWatch.Storage.Tests.Hosting;

[Collection(PostgresServerGroup.Name)]
public sealed class PostgresMigrationTests
{
    private readonly PostgresServerFixture _server;

    public PostgresMigrationTests(PostgresServerFixture server)
    {
        _server = server;
    }

    [Fact]
    public async Task Migrations_apply_on_an_empty_database_through_the_host()
    {
        await using var database = await PostgresTestDatabase.CreateAsync(_server, migrated: false);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Storage:Provider"] = "Postgres",
            ["Storage:MigrateOnStart"] = "true",
            ["ConnectionStrings:LiveWatch"] = database.ConnectionString,
        }).Build();
        await using var provider = new ServiceCollection().AddLiveWatchStorage(configuration).BuildServiceProvider();
        // The store's four migrations and the dashboard accounts' one.
        Assert.Equal(5, (await provider.GetRequiredService<IStorageMigrator>().GetPendingMigrationsAsync()).Count);

        foreach (var hosted in provider.GetServices<IHostedService>())
        {
            await hosted.StartAsync(CancellationToken.None);
        }

        Assert.Empty(await provider.GetRequiredService<IStorageMigrator>().GetPendingMigrationsAsync());
        await using var scope = provider.CreateAsyncScope();
        var context = scope.ServiceProvider.GetRequiredService<LiveWatchDbContext>();
        Assert.IsType<PostgresLiveWatchDbContext>(context);
        var tables = await context.Database
            .SqlQueryRaw<string>("SELECT table_name AS \"Value\" FROM information_schema.tables WHERE table_schema = 'public' AND table_name NOT LIKE '\\_\\_%' ORDER BY table_name")
            .ToListAsync();
        // The store's 13 tables and the dashboard accounts' 5 (users, their claims, logins and tokens, memberships).
        Assert.Equal(18, tables.Count);
        await scope.ServiceProvider.GetRequiredService<TenantStore>().CreateAsync("acme", "Acme");
        Assert.NotNull(await scope.ServiceProvider.GetRequiredService<TenantStore>().GetAsync("acme"));
    }
}
