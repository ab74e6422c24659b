using LiveWatch.Contracts.Ingest;
using LiveWatch.Contracts.Streams;
using LiveWatch.Hashing.Pdq;

namespace LiveWatch.Silo.Tests;

/// <summary>With <c>LiveWatch:Telemetry:OtlpEndpoint</c> set, the host exports to that collector.</summary>
public sealed class OtlpExportTests : IDisposable
{
    private readonly string _data = Path.Combine(Path.GetTempPath(), $"livewatch-otlp-{Guid.NewGuid():N}");

    [Fact]
    public async Task A_configured_collector_receives_the_hosts_trace_exports()
    {
        using var collector = new LoopbackOtlpCollector();
        var canvas = TestPictures.Canvas(7).Luma;
        await using var silo = await InProcessSilo.StartAsync(_data,
            $"--LiveWatch:Telemetry:OtlpEndpoint={collector.Endpoint}",
            "--LiveWatch:Telemetry:OtlpProtocol=HttpProtobuf");
        var key = await silo.SeedAsync("tenant-o", "stream-o", PdqHasher.Compute(canvas, 64, 64, PixelFormat.Gray8).Hash);
        await silo.WaitForReplicaAsync(entries: 1);

        var ack = await silo.Grains.GetGrain<IStreamMonitorGrain>(key.ToGrainKey()).IngestAsync(new FrameBatch("run-o", [TestPictures.Frame(1, canvas)]));

        Assert.NotNull(ack.IncidentId);

        // The batch span processor exports every few seconds; the patience is generous for a loaded 2-core machine.
        Assert.True(await collector.WaitForAsync("/v1/traces", TimeSpan.FromSeconds(60)), "no trace export reached the collector");
    }

    public void Dispose()
    {
        if (Directory.Exists(_data))
        {
            Directory.Delete(_data, recursive: true);
        }
    }
}
