using LiveWatch.Grains.Evidence;
using LiveWatch.Grains.Hosting;
using LiveWatch.Storage.GrainState;
using LiveWatch.Storage.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;

namespace LiveWatch.Grains.Tests.Cluster;

/// <summary>
/// A real Orleans cluster of two in-process silos (so grain placement is real) over one SQLite moderation store and
/// SQLite grain storage in a temporary data directory, with the services a single node registers.
/// </summary>
public sealed class SingleNodeCluster : IAsyncLifetime
{
    public string DataDirectory { get; } = Path.Combine(Path.GetTempPath(), $"livewatch-cluster-{Guid.NewGuid():N}");

    public InProcessTestCluster Cluster { get; private set; } = null!;

    /// <summary>Services over the same store, for seeding and checking what the grains wrote.</summary>
    public ServiceProvider Store { get; private set; } = null!;

    public IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Storage:Provider"] = "Sqlite",
        ["Storage:DataDirectory"] = DataDirectory,
        ["Storage:MigrateOnStart"] = "false",
        ["LiveWatch:Evidence:Key"] = s_key,
        ["LiveWatch:Banks:PollInterval"] = "00:00:00.200",
    };

    private static readonly string s_key = EvidenceProtector.NewKey();

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(DataDirectory);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(Settings).Build();
        Store = new ServiceCollection().AddLogging().AddLiveWatchStorage(configuration).BuildServiceProvider();
        await Store.GetRequiredService<IStorageMigrator>().MigrateAsync();

        var builder = new InProcessTestClusterBuilder(2);
        builder.ConfigureSiloHost((_, host) =>
        {
            host.Configuration.AddInMemoryCollection(Settings);
            host.Services.AddLiveWatchStorage(host.Configuration);
            host.Services.AddLiveWatchGrains(host.Configuration);
        });
        builder.ConfigureSilo((_, silo) => silo
            .AddSqliteGrainStorage("streams", o => o.DataDirectory = DataDirectory)
            .AddActivityPropagation());

        // As the silo host does: a trace started by the caller (an API request there, a test here) flows into grains.
        builder.ConfigureClient(client => client.AddActivityPropagation());
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    public async Task DisposeAsync()
    {
        await Cluster.StopAllSilosAsync();
        await Cluster.DisposeAsync();
        await Store.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(DataDirectory, recursive: true);
    }
}
