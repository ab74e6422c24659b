using System.Net;
using System.Net.Sockets;
using LiveWatch.Storage.GrainState;
using LiveWatch.Storage.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Runtime;

namespace LiveWatch.Storage.Tests.GrainState;

/// <summary>The registration extensions inside a real (localhost) silo: state written by one silo is read by the next.</summary>
public sealed class SiloRegistrationTests : IDisposable
{
    private readonly TempDirectory _directory = new("livewatch-silo-tests");

    public void Dispose() => _directory.Dispose();

    private static IHost BuildSilo(Action<ISiloBuilder> storage) =>
        new HostBuilder()
            .UseOrleans(silo =>
            {
                silo.UseLocalhostClustering(siloPort: FreePort(), gatewayPort: FreePort(), serviceId: "livewatch-tests", clusterId: $"tests-{Guid.NewGuid():N}");
                storage(silo);
            })
            .Build();

    [Fact]
    public async Task Default_storage_keeps_grain_state_across_silo_restarts()
    {
        var data = Path.Combine(_directory.Path, "data");
        using (var silo = BuildSilo(s => s.AddSqliteGrainStorageAsDefault(o => o.DataDirectory = data)))
        {
            await silo.StartAsync();
            var counter = silo.Services.GetRequiredService<IGrainFactory>().GetGrain<ICounterGrain>("acme/live-1");
            await counter.IncrementAsync();
            Assert.Equal(2, await counter.IncrementAsync());
            await silo.StopAsync();
        }

        using (var silo = BuildSilo(s => s.AddSqliteGrainStorageAsDefault(o => o.DataDirectory = data)))
        {
            await silo.StartAsync();
            var counter = silo.Services.GetRequiredService<IGrainFactory>().GetGrain<ICounterGrain>("acme/live-1");
            Assert.Equal(2, await counter.GetAsync());
            Assert.Equal(3, await counter.IncrementAsync());
            await silo.StopAsync();
        }
    }

    [Fact]
    public async Task Invalid_settings_stop_the_silo_from_starting_with_the_provider_named()
    {
        using var silo = BuildSilo(s => s.AddSqliteGrainStorage("states", o => o.FileName = "sub/dir.db"));
        var error = await Assert.ThrowsAsync<OrleansConfigurationException>(() => silo.StartAsync());
        Assert.Contains("'states'", error.Message, StringComparison.Ordinal);
        Assert.Contains("plain file name", error.Message, StringComparison.Ordinal);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
