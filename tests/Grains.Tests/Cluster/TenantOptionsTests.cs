using LiveWatch.Contracts.Ingest;
using LiveWatch.Contracts.Risk;
using LiveWatch.Hashing.Pdq;

namespace LiveWatch.Grains.Tests.Cluster;

/// <summary>Stream grains apply their own tenant's options, as configured under <c>LiveWatch:Streams:Tenants</c>.</summary>
public sealed class TenantOptionsTests : IClassFixture<SingleNodeCluster>
{
    private readonly SingleNodeCluster _node;

    public TenantOptionsTests(SingleNodeCluster node)
    {
        _node = node;
    }

    [Fact]
    public async Task The_same_frames_give_a_tenant_with_a_stricter_override_a_lower_level()
    {
        const string lenient = "tenant-lenient";
        var canvas = Pictures.Canvas(seed: 31);
        await _node.PrepareMatchingStreamAsync(lenient, "s", canvas);
        await _node.PrepareMatchingStreamAsync(SingleNodeCluster.StrictTenant, "s", canvas);
        // 12 bits away: strong under the default cutoff (16), weak under the strict tenant's (8).
        var hash = Pictures.Flip(PdqHasher.Compute(canvas, 64, 64, PixelFormat.Gray8).Hash, 12);
        var batch = new HashBatch("run-1", [new PushedHash(1, DateTimeOffset.UtcNow, 1, hash, 100)]);

        var lenientAck = await _node.StreamGrain(lenient, "s").PushHashesAsync(batch);
        var strictAck = await _node.StreamGrain(SingleNodeCluster.StrictTenant, "s").PushHashesAsync(batch);

        Assert.Equal((1, RiskLevel.Alert), (lenientAck.Matched, lenientAck.Level));
        Assert.NotNull(lenientAck.IncidentId);
        Assert.Equal((1, RiskLevel.Watch), (strictAck.Matched, strictAck.Level));
        Assert.Null(strictAck.IncidentId);
    }
}
