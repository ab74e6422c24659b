using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using LiveWatch.Grains.Evidence;
using LiveWatch.Grains.Hosting;
using LiveWatch.Grains.Matching;
using LiveWatch.Hashing;
using LiveWatch.Ingest.Hosting;
using LiveWatch.Storage.GrainState;
using LiveWatch.Storage.Hosting;
using LiveWatch.Storage.Stores;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace LiveWatch.LoadTest;

/// <summary>
/// One real silo in this process, wired like src/Silo (LiveWatchSiloExtensions): localhost clustering, LiveWatch's
/// grain services, SQLite grain storage and the SQLite moderation store, all in a temporary data directory. The web
/// parts of the real host (health checks) are left out: they take no part in a frame's path.
/// </summary>
public sealed class InProcessSilo : IAsyncDisposable
{
    public const string Tenant = "loadtest";

    private readonly IHost _host;

    private InProcessSilo(IHost host, ServiceProvider store, string dataDirectory, long bankId, SampleArrivals arrivals)
    {
        Arrivals = arrivals;
        _host = host;
        Store = store;
        DataDirectory = dataDirectory;
        BankId = bankId;
    }

    public string DataDirectory { get; }

    /// <summary>Frames arriving at stream grains (stream time and arrival time), for the ingest scenario's lag.</summary>
    public SampleArrivals Arrivals { get; }

    /// <summary>The bank holding the random hashes (and, in the incident scenario, the planted ones).</summary>
    public long BankId { get; }

    /// <summary>The host's grain factory: calls go through Orleans messaging like any caller inside the silo.</summary>
    public IGrainFactory Grains => _host.Services.GetRequiredService<IGrainFactory>();

    /// <summary>The silo's bank replica.</summary>
    public HashBankReplica Replica => _host.Services.GetRequiredService<HashBankReplica>();

    /// <summary>Services over the same store, for seeding and for checking what the grains wrote.</summary>
    public ServiceProvider Store { get; }

    public static async Task<InProcessSilo> StartAsync(LoadTestOptions options, TextWriter log)
    {
        var dataDirectory = Path.Combine(Path.GetTempPath(), $"livewatch-load-{Guid.NewGuid():N}");
        Directory.CreateDirectory(dataDirectory);
        var settings = new Dictionary<string, string?>
        {
            ["Storage:Provider"] = "Sqlite",
            ["Storage:DataDirectory"] = dataDirectory,
            ["LiveWatch:Evidence:Key"] = EvidenceProtector.NewKey(),
            ["LiveWatch:Streams:Analysis:MatchDihedral"] = options.Dihedral.ToString(CultureInfo.InvariantCulture),

            // Only the ingest scenario follows live streams (published on loopback, hence the allow-list).
            ["LiveWatch:Ingest:Worker:Enabled"] = (options.Scenario == "ingest").ToString(CultureInfo.InvariantCulture),
            ["LiveWatch:Ingest:Worker:Capacity"] = Math.Max(options.LiveStreams, 1).ToString(CultureInfo.InvariantCulture),
            ["LiveWatch:Ingest:Sources:AllowedPrivateHosts:0"] = "127.0.0.1",
            ["LiveWatch:Ingest:Sampler:KeyframeRelay"] = options.KeyframeRelay.ToString(CultureInfo.InvariantCulture),
        };

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var store = new ServiceCollection().AddLogging().AddLiveWatchStorage(configuration).BuildServiceProvider();
        await store.GetRequiredService<IStorageMigrator>().MigrateAsync().ConfigureAwait(false);
        var bankId = await SeedAsync(store, options, log).ConfigureAwait(false);

        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(settings);

        // Warnings and errors only: a console line per incident would measure the terminal, not the silo.
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddLiveWatchStorage(builder.Configuration);
        builder.Services.AddLiveWatchGrains(builder.Configuration);
        var arrivals = new SampleArrivals();
        var (siloPort, gatewayPort) = (FreePort(), FreePort());
        builder.UseOrleans(orleans =>
        {
            orleans.UseLocalhostClustering(siloPort, gatewayPort);
            orleans.AddSqliteGrainStorage("streams", o => o.DataDirectory = dataDirectory);
            orleans.AddLiveWatchFeed();
            orleans.AddIncomingGrainCallFilter(arrivals);
        });
        builder.Services.AddLiveWatchIngestWorker(builder.Configuration);

        var host = builder.Build();
        var started = Stopwatch.StartNew();
        await host.StartAsync().ConfigureAwait(false);
        await host.Services.GetRequiredService<BankReplicationService>().Loaded.ConfigureAwait(false);
        log.WriteLine($"silo started, replica loaded from the store in {started.Elapsed.TotalSeconds:F1} s ({host.Services.GetRequiredService<HashBankReplica>().EntryCount:N0} entries)");

        var silo = new InProcessSilo(host, store, dataDirectory, bankId, arrivals);
        if (options.BankLoad == "direct" && options.BankSize > 0)
        {
            var load = Stopwatch.StartNew();
            var hashes = RandomHashes.Generate(options.BankSize, options.Seed);
            var ids = new long[hashes.Length];
            for (var i = 0; i < ids.Length; i++)
            {
                // Far above the store's own entry ids, so planted entries imported later never collide.
                ids[i] = 1_000_000_000L + i;
            }

            silo.Replica.AddEntries(bankId, ids, hashes);
            log.WriteLine($"bank: {options.BankSize:N0} random hashes added to the silo's replica directly in {load.Elapsed.TotalSeconds:F1} s");
        }

        return silo;
    }

    /// <summary>Imports entries through the store and waits until the silo's replica has applied them.</summary>
    public async Task ImportAndReplicateAsync(IReadOnlyList<Hash256> hashes, TextWriter log)
    {
        var started = Stopwatch.StartNew();
        long sequence;
        await using (var scope = Store.CreateAsyncScope())
        {
            var banks = scope.ServiceProvider.GetRequiredService<BankStore>();
            await banks.ImportAsync(Tenant, BankId, hashes.Select((h, i) => new NewBankEntry(h, $"planted-{i}")).ToList()).ConfigureAwait(false);
            sequence = await banks.GetCurrentSequenceAsync().ConfigureAwait(false);
        }

        while (Replica.AppliedSequence < sequence)
        {
            await Task.Delay(50).ConfigureAwait(false);
        }

        log.WriteLine($"{hashes.Count} planted hashes imported through the store and replicated in {started.Elapsed.TotalSeconds:F1} s");
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync().ConfigureAwait(false);
        _host.Dispose();
        await Store.DisposeAsync().ConfigureAwait(false);
        SqliteConnection.ClearAllPools();
        Directory.Delete(DataDirectory, recursive: true);
    }

    // The tenant and its bank exist before the silo starts, as on a node restarted over a populated store.
    private static async Task<long> SeedAsync(ServiceProvider store, LoadTestOptions options, TextWriter log)
    {
        await using var scope = store.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<TenantStore>().CreateAsync(Tenant, "Load test platform").ConfigureAwait(false);
        var bank = await scope.ServiceProvider.GetRequiredService<BankStore>().CreateBankAsync(Tenant, "random").ConfigureAwait(false);
        if (options.BankLoad == "store" && options.BankSize > 0)
        {
            var started = Stopwatch.StartNew();
            var hashes = RandomHashes.Generate(options.BankSize, options.Seed);
            const int chunk = 20_000;
            for (var start = 0; start < hashes.Length; start += chunk)
            {
                // A fresh unit of work per chunk: one context tracking a million entities would measure EF, not the import.
                await using var importScope = store.CreateAsyncScope();
                var entries = hashes.Skip(start).Take(chunk).Select((h, i) => new NewBankEntry(h, $"random-{start + i}")).ToList();
                await importScope.ServiceProvider.GetRequiredService<BankStore>().ImportAsync(Tenant, bank.Id, entries).ConfigureAwait(false);
            }

            log.WriteLine($"bank: {options.BankSize:N0} random hashes imported into the store in {started.Elapsed.TotalSeconds:F1} s");
        }

        return bank.Id;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
