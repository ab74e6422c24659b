using LiveWatch.Contracts.Ingest;
using LiveWatch.Ingest.Tests.Publishers;

namespace LiveWatch.Ingest.Tests.Supervision;

/// <summary>Samples arrive in order, with the source's stream time and a matching preview, from each protocol.</summary>
[Collection(FfmpegTests.Name)]
public sealed class ProtocolTests
{
    [Fact]
    public async Task Rtmp_samples_arrive_in_order_with_stream_time_and_previews()
    {
        var port = LoopbackPorts.Free();
        using var publisher = FfmpegPublisher.Rtmp(port);
        await using var harness = new SupervisorHarness($"rtmp://127.0.0.1:{port}/live/test").Start();

        await harness.WaitForSamplesAsync(4);

        AssertOrdered(harness);
        Assert.Equal(IngestState.Live, harness.Supervisor.State);
        var samples = harness.Received.ToList();
        Assert.All(samples, s => Assert.Equal(64 * 64, s.Luma.Length));
        // Keyframes every 30 frames at 30 fps, sampled at 1 fps: about a second apart in stream time.
        Assert.InRange(samples[2].StreamSeconds - samples[1].StreamSeconds, 0.9, 1.1);
        await harness.WaitUntilAsync(() => harness.Supervisor.Preview.Count >= 2, "previews");
        var preview = harness.Supervisor.Preview.Between(0, double.MaxValue)[0];
        var canvas = samples.Single(s => s.Sequence == preview.Sequence);
        Assert.Equal(canvas.StreamSeconds, preview.StreamSeconds);
        Assert.Equal((160, 90), (preview.Width, preview.Height));
        Assert.Equal([0xFF, 0xD8], preview.Jpeg[..2]);
    }

    [Fact]
    public async Task Srt_samples_arrive_in_order()
    {
        var port = LoopbackPorts.Free();
        using var publisher = FfmpegPublisher.Srt(port);
        await Task.Delay(300); // the listener must be up before the caller dials (UDP: no connection to wait on)
        await using var harness = new SupervisorHarness($"srt://127.0.0.1:{port}").Start();

        await harness.WaitForSamplesAsync(3);

        AssertOrdered(harness);
    }

    [Fact]
    public async Task Hls_samples_arrive_in_order()
    {
        var folder = Directory.CreateTempSubdirectory("lw-hls-");
        try
        {
            await FfmpegPublisher.MakeAsync($"-f lavfi -i testsrc2=size=320x180:rate=30 -t 6 {FfmpegPublisher.H264()} -f hls -hls_time 2 -hls_list_size 0 {folder.FullName}/index.m3u8");
            using var server = new HlsServer(folder.FullName);
            await using var harness = new SupervisorHarness(server.Url("index.m3u8")).Start();

            var end = await harness.FinishedAsync();

            Assert.Equal(IngestState.Ended, end.State);
            Assert.InRange(harness.Received.Count, 5, 7);
            AssertOrdered(harness);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    internal static void AssertOrdered(SupervisorHarness harness)
    {
        var samples = harness.Received.ToList();
        for (var i = 1; i < samples.Count; i++)
        {
            Assert.Equal(samples[i - 1].Sequence + 1, samples[i].Sequence);
            Assert.True(samples[i].StreamSeconds > samples[i - 1].StreamSeconds, $"stream time {samples[i].StreamSeconds} after {samples[i - 1].StreamSeconds}");
        }
    }
}
