using LiveWatch.Contracts.Ingest;
using LiveWatch.Contracts.Streams;
using LiveWatch.Grains.Evidence;
using LiveWatch.Grains.Hosting;
using LiveWatch.Grains.Matching;
using LiveWatch.Hashing;
using LiveWatch.Hashing.Pdq;
using LiveWatch.Storage.GrainState;
using LiveWatch.Storage.Hosting;
using LiveWatch.Storage.Stores;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;

namespace LiveWatch.Grains.Tests.Cluster;

/// <summary>
/// A real Orleans cluster of two in-process silos (so grain placement is real) over one SQLite moderation store and
/// SQLite grain storage in a temporary data directory, with the services a single node registers.
/// </summary>
public class SingleNodeCluster : IAsyncLifetime
{
    /// <summary>A tenant whose configuration overrides the risk policy: only distance 8 or closer is strong.</summary>
    public const string StrictTenant = "tenant-strict";

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
        [$"LiveWatch:Streams:Tenants:{StrictTenant}:Risk:StrongDistanceCutoff"] = "8",
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
            ConfigureServices(host.Services);
            host.Services.AddLiveWatchGrains(host.Configuration);
        });
        builder.ConfigureSilo((_, silo) =>
        {
            ConfigureStreamStorage(silo);
            silo.AddLiveWatchFeed();
            silo.AddActivityPropagation();
        });

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

    public IStreamMonitorGrain StreamGrain(string tenant, string stream) =>
        Cluster.Client.GetGrain<IStreamMonitorGrain>(new StreamKey(tenant, stream).ToGrainKey());

    /// <summary>Creates the tenant if needed and registers the stream (which writes a feed event, sent on no stream).</summary>
    public async Task<(string Tenant, string Stream)> RegisterAsync(string tenant, string stream)
    {
        await using var scope = Store.CreateAsyncScope();
        var tenants = scope.ServiceProvider.GetRequiredService<TenantStore>();
        if (await tenants.GetAsync(tenant) is null)
        {
            await tenants.CreateAsync(tenant, $"Platform {tenant}");
        }

        await scope.ServiceProvider.GetRequiredService<StreamStore>().RegisterAsync(tenant, new StreamRegistration(stream));
        return (tenant, stream);
    }

    /// <summary>A new bank of the tenant holding <paramref name="hash"/>; returns its id.</summary>
    public async Task<long> CreateBankAsync(string tenant, Hash256 hash)
    {
        await using var scope = Store.CreateAsyncScope();
        var banks = scope.ServiceProvider.GetRequiredService<BankStore>();
        var bank = await banks.CreateBankAsync(tenant, $"bank-{Guid.NewGuid():N}");
        await banks.ImportAsync(tenant, bank.Id, [new NewBankEntry(hash, "known-1")]);
        return bank.Id;
    }

    /// <summary>
    /// Probes fresh streams of the tenant with <paramref name="canvas"/>'s hash 20 bits away until a probe matches (or
    /// stops matching); false if it never did within a patience far above the replicas' poll interval.
    /// </summary>
    public async Task<bool> PollUntilAsync(string tenant, string stream, byte[] canvas, bool expectMatch)
    {
        // Each probe goes to a fresh stream grain so risk state from earlier probes cannot interfere, and probes with
        // the hash 20 bits away: a weak match raises the probe stream to Watch only, so it opens no incident.
        var probeHash = Pictures.Flip(PdqHasher.Compute(canvas, 64, 64, PixelFormat.Gray8).Hash, 20);
        for (var probe = 0; probe < 300; probe++)
        {
            var grain = StreamGrain(tenant, $"{stream}-probe-{Guid.NewGuid():N}");
            var ack = await grain.PushHashesAsync(new HashBatch("probe", [new PushedHash(0, DateTimeOffset.UtcNow, 0, probeHash, 100)]));
            if ((ack.Matched > 0) == expectMatch)
            {
                return true;
            }

            await Task.Delay(100);
        }

        return false;
    }

    /// <summary>
    /// Waits until every silo's bank replica matches <paramref name="canvas"/> for the tenant: a stream grain may be
    /// placed on either silo, and one whose replica lags would see no match.
    /// </summary>
    public async Task WaitForReplicaAsync(string tenant, byte[] canvas)
    {
        Hash256[] needles = [PdqHasher.Compute(canvas, 64, 64, PixelFormat.Gray8).Hash];
        var scratch = new List<Hashing.Indexing.HashMatch>();
        for (var attempt = 0; attempt < 200; attempt++)
        {
            if (Cluster.Silos.All(silo => silo.ServiceProvider.GetRequiredService<HashBankReplica>().Match(needles, tenant, scratch).IsMatch))
            {
                return;
            }

            await Task.Delay(50);
        }

        Assert.Fail($"The silos' bank replicas never matched tenant {tenant}'s picture.");
    }

    /// <summary>Registers the stream and puts <paramref name="canvas"/> in a bank of the tenant that every silo matches.</summary>
    public async Task<long> PrepareMatchingStreamAsync(string tenant, string stream, byte[] canvas)
    {
        await RegisterAsync(tenant, stream);
        var bankId = await CreateBankAsync(tenant, PdqHasher.Compute(canvas, 64, 64, PixelFormat.Gray8).Hash);
        await WaitForReplicaAsync(tenant, canvas);
        return bankId;
    }

    /// <summary>Services a derived cluster registers before the grains' own (which only add what is missing).</summary>
    protected virtual void ConfigureServices(IServiceCollection services)
    {
    }

    /// <summary>The grain storage named "streams" that stream grains keep their state in.</summary>
    protected virtual void ConfigureStreamStorage(Orleans.Hosting.ISiloBuilder silo) =>
        silo.AddSqliteGrainStorage("streams", o => o.DataDirectory = DataDirectory);
}
