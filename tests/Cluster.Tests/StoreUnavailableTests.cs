using System.Net;
using LiveWatch.Cluster.Tests.Infrastructure;
using LiveWatch.Contracts.Errors;
using LiveWatch.Contracts.Ingest;
using LiveWatch.Contracts.Streams;
using LiveWatch.Hashing;
using LiveWatch.Ingest.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Xunit.Abstractions;

namespace LiveWatch.Cluster.Tests;

/// <summary>
/// What an Orleans client of the cluster (an ingest worker, a stand-alone dashboard) gets when a grain cannot reach
/// Redis: a <see cref="StoreUnavailableException"/> it can read and retry on, not the storage library's own exception.
/// </summary>
[Collection(ClusterGroup.Name)]
public sealed class StoreUnavailableTests(ClusterFixture cluster, ITestOutputHelper output) : IAsyncLifetime
{
    public Task InitializeAsync() => cluster.EnsureAllRunningAsync();

    public Task DisposeAsync() => cluster.EnsureAllRunningAsync();

    [Fact]
    public async Task A_client_pushing_to_a_stream_grain_during_a_Redis_outage_is_told_the_state_store_is_unavailable_and_its_retry_counts_once()
    {
        var token = await cluster.CreateTenantAsync("unavailable");
        var api = new PlatformApi(cluster.Silos[0], token);
        Assert.Equal(HttpStatusCode.Created, (await api.RegisterStreamAsync("s1")).StatusCode);
        using (var first = await api.PushHashesAsync("s1", "r1", (1, ClusterFixture.UnknownHash)))
        {
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        }

        using var client = await StartClientAsync();
        var grain = client.Services.GetRequiredService<IGrainFactory>()
            .GetGrain<IStreamMonitorGrain>(new StreamKey("unavailable", "s1").ToGrainKey());
        var batch = new HashBatch("r2", [new PushedHash(2, DateTimeOffset.UtcNow, 2, Hash256.Parse(ClusterFixture.UnknownHash), 100)]);

        await cluster.Redis.StopAsync();
        try
        {
            var error = await Assert.ThrowsAsync<StoreUnavailableException>(async () => await grain.PushHashesAsync(batch));
            output.WriteLine(error.Message);
            Assert.Equal(StoreKind.ClusterState, error.Store);
            Assert.Contains("Redis", error.Message, StringComparison.Ordinal);
            Assert.Contains(nameof(IStreamMonitorGrain.PushHashesAsync), error.Message, StringComparison.Ordinal);
        }
        finally
        {
            await cluster.Redis.StartAsync();
        }

        // The worker's retry: same run and sequence, once Redis answers again; the frame is counted once.
        var ack = await Poll.UntilAsync(
            async () =>
            {
                try
                {
                    return (IngestAck?)await grain.PushHashesAsync(batch);
                }
                catch (StoreUnavailableException)
                {
                    return null;
                }
            },
            a => a is not null,
            "the retried batch to be accepted once Redis is back");
        Assert.Equal(1, ack!.Accepted);
        Assert.Equal(0, (await grain.PushHashesAsync(batch)).Accepted);
        var monitor = (await api.StreamAsync("s1"))!["monitor"]!;
        Assert.Equal(2L, (long)monitor["framesReceived"]!);
    }

    private async Task<IHost> StartClientAsync()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["LiveWatch:Cluster:Clustering"] = "Redis",
            ["ConnectionStrings:Redis"] = cluster.Redis.ConnectionString,
        });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.UseOrleansClient(orleans => orleans.UseLiveWatchCluster(builder.Configuration));
        var host = builder.Build();
        await host.StartAsync();
        return host;
    }
}
