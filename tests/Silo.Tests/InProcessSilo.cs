using LiveWatch.Silo.Api;
using System.Globalization;
using LiveWatch.Contracts.Streams;
using LiveWatch.Grains.Matching;
using LiveWatch.Hashing;
using LiveWatch.Silo.Hosting;
using LiveWatch.Storage.Stores;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace LiveWatch.Silo.Tests;

/// <summary>
/// The real host built in this process the way Program.cs builds it (same extension methods, configuration on the
/// command line), on a given data directory and free loopback ports, so a test can reach its grains and stores.
/// </summary>
internal sealed class InProcessSilo : IAsyncDisposable
{
    private readonly WebApplication _app;

    private InProcessSilo(WebApplication app, int httpPort)
    {
        _app = app;
        Http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{httpPort}"), Timeout = TimeSpan.FromSeconds(10) };
    }

    public IServiceProvider Services => _app.Services;

    public IGrainFactory Grains => _app.Services.GetRequiredService<IGrainFactory>();

    public HttpClient Http { get; }

    public static async Task<InProcessSilo> StartAsync(string dataDirectory, params string[] settings)
    {
        var httpPort = LoopbackPorts.Free();
        string[] args =
        [
            $"--urls=http://127.0.0.1:{httpPort}",
            $"--LiveWatch:DataDirectory={dataDirectory}",
            $"--LiveWatch:SiloPort={LoopbackPorts.Free().ToString(CultureInfo.InvariantCulture)}",
            $"--LiveWatch:GatewayPort={LoopbackPorts.Free().ToString(CultureInfo.InvariantCulture)}",
            // Replicas pick up a new bank within a test's patience, not the production poll interval.
            "--LiveWatch:Banks:PollInterval=00:00:00.200",
            "--Logging:LogLevel:Default=Warning",
            .. settings,
        ];
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ApplicationName = typeof(LiveWatchSiloExtensions).Assembly.GetName().Name });
        builder.AddLiveWatchSilo();
        builder.AddLiveWatchApi();
        var app = builder.Build();
        app.MapLiveWatchHealthChecks();
        app.MapLiveWatchMetrics();
        app.MapLiveWatchApi();
        await app.StartAsync();
        return new InProcessSilo(app, httpPort);
    }

    /// <summary>A tenant, a registered stream and a bank holding <paramref name="known"/>, as an operator would set them up.</summary>
    public async Task<StreamKey> SeedAsync(string tenant, string stream, Hash256 known)
    {
        await using var scope = Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<TenantStore>().CreateAsync(tenant, $"Platform {tenant}");
        await scope.ServiceProvider.GetRequiredService<StreamStore>().RegisterAsync(tenant, new StreamRegistration(stream));
        var banks = scope.ServiceProvider.GetRequiredService<BankStore>();
        var bank = await banks.CreateBankAsync(tenant, "known-pictures");
        await banks.ImportAsync(tenant, bank.Id, [new NewBankEntry(known, "known-1")]);
        return new StreamKey(tenant, stream);
    }

    /// <summary>Waits until this silo's bank replica (filled by a background service) holds <paramref name="entries"/> entries.</summary>
    public async Task WaitForReplicaAsync(int entries)
    {
        var replica = Services.GetRequiredService<HashBankReplica>();
        for (var attempt = 0; attempt < 300 && replica.EntryCount < entries; attempt++)
        {
            await Task.Delay(100);
        }

        Assert.Equal(entries, replica.EntryCount);
    }

    /// <summary>A graceful stop, as on SIGTERM: grains deactivate and the store connections close.</summary>
    public async Task StopAsync() => await _app.StopAsync();

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _app.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    }
}
