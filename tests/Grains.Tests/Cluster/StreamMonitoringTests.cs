using LiveWatch.Contracts.Incidents;
using LiveWatch.Contracts.Ingest;
using LiveWatch.Contracts.Risk;
using LiveWatch.Contracts.Streams;
using LiveWatch.Hashing;
using LiveWatch.Hashing.Pdq;
using LiveWatch.Storage.Entities;
using LiveWatch.Storage.Stores;
using Microsoft.Extensions.DependencyInjection;

namespace LiveWatch.Grains.Tests.Cluster;

/// <summary>Frames through the real grains on a two-silo cluster, down to what the moderation store holds.</summary>
public sealed class StreamMonitoringTests : IClassFixture<SingleNodeCluster>
{
    private readonly SingleNodeCluster _node;

    public StreamMonitoringTests(SingleNodeCluster node)
    {
        _node = node;
    }

    [Fact]
    public async Task A_bank_picture_in_a_stream_opens_one_durable_incident_with_matches_and_sealed_evidence()
    {
        var (tenant, stream) = await RegisterAsync("tenant-a", "stream-1");
        var canvas = Canvas(seed: 7);
        var bankId = await CreateBankAsync(tenant, PdqHasher.Compute(canvas, 64, 64, PixelFormat.Gray8).Hash);
        await WaitForReplicaAsync(tenant, stream, canvas);
        var grain = _node.Cluster.Client.GetGrain<IStreamMonitorGrain>(new StreamKey(tenant, stream).ToGrainKey());
        using var metrics = new MetricTotals("livewatch.incidents.opened", "livewatch.frames.received", "livewatch.frames.repeated");

        var ack = await grain.IngestAsync(new FrameBatch("run-1", [Frame(10, canvas)]));
        var retried = await grain.IngestAsync(new FrameBatch("run-1", [Frame(10, canvas)]));

        Assert.Equal(RiskLevel.Alert, ack.Level);
        Assert.Equal((1, 0, 1), (ack.Accepted, ack.Repeats, ack.Matched));
        Assert.NotNull(ack.IncidentId);
        Assert.Equal((0, 1), (retried.Accepted, retried.Repeats));
        Assert.Equal(ack.IncidentId, retried.IncidentId);
        Assert.True(metrics["livewatch.incidents.opened"] >= 1);
        Assert.True(metrics["livewatch.frames.received"] >= 1);
        Assert.True(metrics["livewatch.frames.repeated"] >= 1);

        await using var scope = _node.Store.CreateAsyncScope();
        var incidents = scope.ServiceProvider.GetRequiredService<IncidentStore>();
        var incident = Assert.Single(await incidents.ListAsync(tenant));
        Assert.Equal(ack.IncidentId, incident.Id);
        Assert.Equal(RiskLevel.Alert, incident.Level);
        var match = Assert.Single(await incidents.ListMatchesAsync(tenant, incident.Id));
        Assert.Equal((bankId, 0, 10L), (match.BankId, match.Distance, match.FrameSequence));
        var evidence = Assert.Single(await incidents.ListEvidenceAsync(tenant, incident.Id));
        Assert.NotEqual(canvas, evidence.EncryptedFrame);
        Assert.True(evidence.Thumbnail.Length > 0);
        Assert.Empty(await incidents.ListAsync("tenant-b"));
    }

    [Fact]
    public async Task A_hash_added_to_a_bank_matches_within_seconds_and_stops_when_removed()
    {
        var (tenant, stream) = await RegisterAsync("tenant-c", "stream-2");
        var canvas = Canvas(seed: 11);
        var hash = PdqHasher.Compute(canvas, 64, 64, PixelFormat.Gray8).Hash;
        await using var scope = _node.Store.CreateAsyncScope();
        var banks = scope.ServiceProvider.GetRequiredService<BankStore>();
        var bank = await banks.CreateBankAsync(tenant, "live-additions");

        var entry = await banks.AddEntryAsync(tenant, bank.Id, new NewBankEntry(hash, "added-live"));
        var matchedAfter = await PollUntilAsync(tenant, stream, canvas, expectMatch: true);
        await banks.RemoveEntryAsync(tenant, bank.Id, entry.Id);
        var clearedAfter = await PollUntilAsync(tenant, stream, canvas, expectMatch: false);

        Assert.True(matchedAfter < TimeSpan.FromSeconds(5), $"matched only after {matchedAfter}");
        Assert.True(clearedAfter < TimeSpan.FromSeconds(5), $"still matched {clearedAfter} after removal");
    }

    [Fact]
    public async Task Bad_batches_are_refused_with_what_was_wrong()
    {
        var grain = _node.Cluster.Client.GetGrain<IStreamMonitorGrain>(new StreamKey("tenant-d", "s").ToGrainKey());

        var empty = await Assert.ThrowsAsync<ArgumentException>(async () => await grain.IngestAsync(new FrameBatch("", [])));
        var wrongSize = await Assert.ThrowsAsync<ArgumentException>(async () =>
            await grain.IngestAsync(new FrameBatch("r", [new SampledFrame(1, DateTimeOffset.UtcNow, 0, new FramePicture(64, 64, PixelFormat.Gray8, new byte[10]))])));
        var huge = await Assert.ThrowsAsync<ArgumentException>(async () =>
            await grain.IngestAsync(new FrameBatch("r", [new SampledFrame(2, DateTimeOffset.UtcNow, 0, new FramePicture(100_000, 100_000, PixelFormat.Gray8, []))])));

        Assert.Contains("the batch has no run id", empty.Message, StringComparison.Ordinal);
        Assert.Contains("frame 1 should hold 4096 bytes for 64x64 Gray8, got 10", wrongSize.Message, StringComparison.Ordinal);
        Assert.Contains("frame 2 is 100000x100000; sides must be 1..8192", huge.Message, StringComparison.Ordinal);
    }

    private async Task<TimeSpan> PollUntilAsync(string tenant, string stream, byte[] canvas, bool expectMatch)
    {
        // Each probe goes to a fresh stream grain so risk state from earlier probes cannot interfere, and probes with
        // the hash 20 bits away: a weak match raises the probe stream to Watch only, so it opens no incident.
        var probeHash = Flip(PdqHasher.Compute(canvas, 64, 64, PixelFormat.Gray8).Hash, 20);
        var started = DateTime.UtcNow;
        for (var probe = 0; probe < 100; probe++)
        {
            var grain = _node.Cluster.Client.GetGrain<IStreamMonitorGrain>(new StreamKey(tenant, $"{stream}-probe-{Guid.NewGuid():N}").ToGrainKey());
            var ack = await grain.PushHashesAsync(new HashBatch("probe", [new PushedHash(0, DateTimeOffset.UtcNow, 0, probeHash, 100)]));
            if ((ack.Matched > 0) == expectMatch)
            {
                return DateTime.UtcNow - started;
            }

            await Task.Delay(100);
        }

        return TimeSpan.MaxValue;
    }

    private async Task WaitForReplicaAsync(string tenant, string stream, byte[] canvas) =>
        Assert.NotEqual(TimeSpan.MaxValue, await PollUntilAsync(tenant, stream, canvas, expectMatch: true));

    private async Task<(string Tenant, string Stream)> RegisterAsync(string tenant, string stream)
    {
        await using var scope = _node.Store.CreateAsyncScope();
        var tenants = scope.ServiceProvider.GetRequiredService<TenantStore>();
        if (await tenants.GetAsync(tenant) is null)
        {
            await tenants.CreateAsync(tenant, $"Platform {tenant}");
        }

        await scope.ServiceProvider.GetRequiredService<StreamStore>().RegisterAsync(tenant, new StreamRegistration(stream));
        return (tenant, stream);
    }

    private async Task<long> CreateBankAsync(string tenant, Hash256 hash)
    {
        await using var scope = _node.Store.CreateAsyncScope();
        var banks = scope.ServiceProvider.GetRequiredService<BankStore>();
        var bank = await banks.CreateBankAsync(tenant, $"bank-{Guid.NewGuid():N}");
        await banks.ImportAsync(tenant, bank.Id, [new NewBankEntry(hash, "known-1")]);
        return bank.Id;
    }

    private static Hash256 Flip(Hash256 hash, int bits)
    {
        var lanes = hash.Lanes.ToArray();
        for (var bit = 0; bit < bits; bit++)
        {
            var position = bit * 11 % 256;
            lanes[position >> 6] ^= 1UL << (position & 63);
        }

        return new Hash256(lanes[0], lanes[1], lanes[2], lanes[3]);
    }

    private static SampledFrame Frame(long sequence, byte[] canvas) =>
        new(sequence, DateTimeOffset.UtcNow, sequence, FramePicture.Canvas(canvas));

    private static byte[] Canvas(int seed)
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
