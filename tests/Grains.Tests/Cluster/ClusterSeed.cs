using LiveWatch.Contracts.Ingest;
using LiveWatch.Contracts.Streams;
using LiveWatch.Hashing;
using LiveWatch.Hashing.Pdq;
using LiveWatch.Storage.Stores;
using Microsoft.Extensions.DependencyInjection;

namespace LiveWatch.Grains.Tests.Cluster;

/// <summary>Seeds the cluster's store (tenants, streams, banks) and builds benign test frames, for the cluster tests.</summary>
internal static class ClusterSeed
{
    public static async Task<TimeSpan> PollUntilAsync(this SingleNodeCluster node, string tenant, string stream, byte[] canvas, bool expectMatch)
    {
        // Each probe goes to a fresh stream grain so risk state from earlier probes cannot interfere, and probes with
        // the hash 20 bits away: a weak match raises the probe stream to Watch only, so it opens no incident.
        var probeHash = Flip(PdqHasher.Compute(canvas, 64, 64, PixelFormat.Gray8).Hash, 20);
        var started = DateTime.UtcNow;
        for (var probe = 0; probe < 100; probe++)
        {
            var grain = node.Cluster.Client.GetGrain<IStreamMonitorGrain>(new StreamKey(tenant, $"{stream}-probe-{Guid.NewGuid():N}").ToGrainKey());
            var ack = await grain.PushHashesAsync(new HashBatch("probe", [new PushedHash(0, DateTimeOffset.UtcNow, 0, probeHash, 100)]));
            if ((ack.Matched > 0) == expectMatch)
            {
                return DateTime.UtcNow - started;
            }

            await Task.Delay(100);
        }

        return TimeSpan.MaxValue;
    }

    public static async Task WaitForReplicaAsync(this SingleNodeCluster node, string tenant, string stream, byte[] canvas) =>
        Assert.NotEqual(TimeSpan.MaxValue, await node.PollUntilAsync(tenant, stream, canvas, expectMatch: true));

    public static async Task<(string Tenant, string Stream)> RegisterAsync(this SingleNodeCluster node, string tenant, string stream)
    {
        await using var scope = node.Store.CreateAsyncScope();
        var tenants = scope.ServiceProvider.GetRequiredService<TenantStore>();
        if (await tenants.GetAsync(tenant) is null)
        {
            await tenants.CreateAsync(tenant, $"Platform {tenant}");
        }

        await scope.ServiceProvider.GetRequiredService<StreamStore>().RegisterAsync(tenant, new StreamRegistration(stream));
        return (tenant, stream);
    }

    public static async Task<long> CreateBankAsync(this SingleNodeCluster node, string tenant, Hash256 hash)
    {
        await using var scope = node.Store.CreateAsyncScope();
        var banks = scope.ServiceProvider.GetRequiredService<BankStore>();
        var bank = await banks.CreateBankAsync(tenant, $"bank-{Guid.NewGuid():N}");
        await banks.ImportAsync(tenant, bank.Id, [new NewBankEntry(hash, "known-1")]);
        return bank.Id;
    }

    public static Hash256 Flip(Hash256 hash, int bits)
    {
        var lanes = hash.Lanes.ToArray();
        for (var bit = 0; bit < bits; bit++)
        {
            var position = bit * 11 % 256;
            lanes[position >> 6] ^= 1UL << (position & 63);
        }

        return new Hash256(lanes[0], lanes[1], lanes[2], lanes[3]);
    }

    public static SampledFrame Frame(long sequence, byte[] canvas) =>
        new(sequence, DateTimeOffset.UtcNow, sequence, FramePicture.Canvas(canvas));

    public static byte[] Canvas(int seed)
    {
        var random = new Random(seed);
        var pixels = new byte[64 * 64];
        for (var y = 0; y < 64; y++)
        {
            for (var x = 0; x < 64; x++)
            {
                pixels[(y * 64) + x] = (byte)Math.Clamp(128 + (90 * Math.Sin((x / (4.0 + seed % 3)) + (y * y / 300.0))) + random.Next(-10, 10), 0, 255);
            }
        }

        return pixels;
    }
}
