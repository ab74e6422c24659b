using System.Net;
using System.Net.Sockets;
using LiveWatch.Contracts.Ingest;
using LiveWatch.Ingest.Tests.Publishers;

namespace LiveWatch.Ingest.Tests.Supervision;

/// <summary>Inputs that must end in a clear state and reason, never a crash, a hang or a leaked process.</summary>
[Collection(FfmpegTests.Name)]
public sealed class BadInputTests
{
    [Fact]
    public async Task A_url_that_does_not_answer_fails_after_the_restart_budget_with_a_reason()
    {
        var port = LoopbackPorts.Free(); // nothing listens there
        await using var harness = new SupervisorHarness($"rtmp://127.0.0.1:{port}/live/test").Start();

        var end = await harness.FinishedAsync();

        Assert.Equal(IngestState.Failed, end.State);
        Assert.Contains("Connection refused", end.Reason, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(harness.Options.MaxRestarts, end.Restarts);
        Assert.Equal(harness.Options.MaxRestarts, harness.States.Count(s => s == IngestState.Reconnecting));
    }

    [Fact]
    public async Task A_source_the_policy_refuses_fails_without_starting_ffmpeg()
    {
        await using var harness = new SupervisorHarness("rtmp://10.1.2.3/live/test").Start();

        var end = await harness.FinishedAsync();

        Assert.Equal(IngestState.Failed, end.State);
        Assert.Contains("private network", end.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cancelling_while_connecting_leaves_no_process()
    {
        // Accepts the TCP connection and never says a word: ffmpeg sits in the RTMP handshake.
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        var port = ((IPEndPoint)silent.LocalEndpoint).Port;
        var harness = new SupervisorHarness($"rtmp://127.0.0.1:{port}/live/test").Start();
        using var client = await silent.AcceptTcpClientAsync();
        await harness.WaitUntilAsync(() => FfmpegProcesses.Carrying(harness.Supervisor.ProcessMarker).Count == 1, "ffmpeg connecting");

        await harness.DisposeAsync(); // asserts no process carries the marker

        Assert.True(harness.Running.IsCompleted);
        Assert.DoesNotContain(Directory.EnumerateFiles(harness.Options.EffectiveSocketRoot, "*.sock", SearchOption.AllDirectories), f => f.Contains($"w{Environment.ProcessId}", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_hls_playlist_pointing_at_a_local_file_is_refused_and_nothing_is_read()
    {
        var folder = Directory.CreateTempSubdirectory("lw-hls-");
        try
        {
            await File.WriteAllTextAsync(Path.Combine(folder.FullName, "index.m3u8"), "#EXTM3U\n#EXT-X-TARGETDURATION:2\n#EXTINF:2.0,\nfile:///etc/passwd\n#EXT-X-ENDLIST\n");
            using var server = new HlsServer(folder.FullName);
            await using var harness = new SupervisorHarness(server.Url("index.m3u8")).Start();

            var end = await harness.FinishedAsync();

            Assert.Equal(IngestState.Failed, end.State);
            Assert.Empty(harness.Received);
            Assert.Contains("file", end.Reason, StringComparison.OrdinalIgnoreCase);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task A_corrupt_hls_segment_does_not_stop_the_stream()
    {
        var folder = Directory.CreateTempSubdirectory("lw-hls-");
        try
        {
            await FfmpegPublisher.MakeAsync($"-f lavfi -i testsrc2=size=320x180:rate=30 -t 6 {FfmpegPublisher.H264()} -f hls -hls_time 2 -hls_list_size 0 -hls_segment_filename {folder.FullName}/seg%d.ts {folder.FullName}/index.m3u8");
            var garbage = new byte[64 * 1024];
            new Random(7).NextBytes(garbage);
            await File.WriteAllBytesAsync(Path.Combine(folder.FullName, "seg1.ts"), garbage);
            using var server = new HlsServer(folder.FullName);
            await using var harness = new SupervisorHarness(server.Url("index.m3u8")).Start();

            var end = await harness.FinishedAsync();

            Assert.Equal(IngestState.Ended, end.State);
            Assert.Contains(harness.Received, s => s.StreamSeconds > 4); // the segment after the garbage was sampled
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task Audio_only_input_fails_with_a_clear_reason()
    {
        var folder = Directory.CreateTempSubdirectory("lw-audio-");
        try
        {
            var file = Path.Combine(folder.FullName, "audio.m4a");
            await FfmpegPublisher.MakeAsync($"-f lavfi -i sine=frequency=440 -t 2 {file}");
            await using var harness = new SupervisorHarness(new Uri(file).AbsoluteUri, o => o.AllowLocalFiles = true).Start();

            var end = await harness.FinishedAsync();

            Assert.Equal(IngestState.Failed, end.State);
            Assert.Contains("no video stream", end.Reason, StringComparison.Ordinal);
            Assert.Equal(0, end.Restarts);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task An_8k_stream_is_refused_by_the_resolution_cap()
    {
        var folder = Directory.CreateTempSubdirectory("lw-8k-");
        try
        {
            var file = Path.Combine(folder.FullName, "8k.mp4");
            await FfmpegPublisher.MakeAsync($"-f lavfi -i color=c=gray:size=7680x4320:rate=1 -t 2 -c:v libx264 -preset ultrafast {file}");
            await using var harness = new SupervisorHarness(new Uri(file).AbsoluteUri, o => o.AllowLocalFiles = true).Start();

            var end = await harness.FinishedAsync();

            Assert.Equal(IngestState.Failed, end.State);
            Assert.Contains("resolution above the 3840x2160 cap", end.Reason, StringComparison.Ordinal);
            Assert.Contains("7680x4320", end.Reason, StringComparison.Ordinal);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task A_live_stream_above_the_bitrate_cap_is_stopped_for_good_with_its_measured_bitrate()
    {
        // Grain noise at a fine quantiser: several Mbit/s from a small picture, against a cap of 0.5 Mbit/s.
        var port = LoopbackPorts.Free();
        using var publisher = FfmpegPublisher.Run(
            $"-hide_banner -v error -re -f lavfi -i testsrc2=size=320x180:rate=30 -vf noise=alls=60:allf=t -t 60 " +
            $"-c:v libx264 -preset ultrafast -tune zerolatency -g 30 -qp 10 -pix_fmt yuv420p -f flv -listen 1 rtmp://127.0.0.1:{port}/live/test");
        await using var harness = new SupervisorHarness($"rtmp://127.0.0.1:{port}/live/test", o =>
        {
            o.MaxBitrate = 500_000;
            o.BitrateWindow = TimeSpan.FromSeconds(3);
        }).Start();

        var end = await harness.FinishedAsync();

        Assert.Equal(IngestState.Failed, end.State);
        Assert.Contains("above the 0.5 Mbit/s cap (LiveWatch:Ingest:Sampler:MaxBitrate)", end.Reason, StringComparison.Ordinal);
        Assert.Matches(@"source bitrate \d+\.\d Mbit/s", end.Reason);
        // Followed first, refused once a window was measured, and not retried: a refusal, not a failure.
        var states = harness.States;
        Assert.Equal([IngestState.Live, IngestState.Failed], states.Skip(states.Count - 2));
    }

    [Fact]
    public async Task A_1x1_stream_is_sampled()
    {
        var folder = Directory.CreateTempSubdirectory("lw-1x1-");
        try
        {
            // lavfi's colour sources cannot make 1x1 (chroma rounds to 0x0): 15 white grey pixels as raw frames.
            var raw = Path.Combine(folder.FullName, "white.gray");
            await File.WriteAllBytesAsync(raw, Enumerable.Repeat((byte)255, 15).ToArray());
            var file = Path.Combine(folder.FullName, "tiny.mkv");
            await FfmpegPublisher.MakeAsync($"-f rawvideo -pix_fmt gray -s 1x1 -r 5 -i {raw} -c:v ffv1 {file}");
            await using var harness = new SupervisorHarness(new Uri(file).AbsoluteUri, o => o.AllowLocalFiles = true).Start();

            var end = await harness.FinishedAsync();

            Assert.Equal(IngestState.Ended, end.State);
            Assert.NotEmpty(harness.Received);
            Assert.All(harness.Received, s => Assert.All(s.Luma, b => Assert.InRange(b, 230, 255)));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}
