using System.Diagnostics;
using LiveWatch.Ingest.Tests.Publishers;
using LiveWatch.Sdk.Client.Models;
using Xunit.Abstractions;

namespace LiveWatch.Silo.Tests.Ingest;

/// <summary>
/// Live ingest end to end, as a platform uses it: ffmpeg publishes a live stream on 127.0.0.1 (RTMP server, SRT
/// listener, or HLS served over HTTP), the platform registers its URL through the SDK, the node's worker pulls and
/// samples it, and a benign bank picture shown for a few seconds opens an incident with preview frames as evidence.
/// </summary>
[Collection(SharedLiveNode.Name)]
public sealed class LiveIngestTests(LiveNode node, ITestOutputHelper output)
{
    [Theory]
    [InlineData("rtmp")]
    [InlineData("srt")]
    [InlineData("hls")]
    public async Task A_pulled_stream_showing_a_bank_picture_for_a_few_seconds_opens_an_incident_with_preview_frames(string protocol)
    {
        var streamId = $"{protocol}-spliced";
        using var folder = new TemporaryFolder();
        using var hls = protocol == "hls" ? new HlsServer(folder.Path) : null;
        using var publisher = Publish(protocol, withPicture: true, folder.Path, hls, out var url);
        var registered = Stopwatch.StartNew();

        await node.Platform.RegisterStreamAsync(new StreamRegistration(streamId, new Uri(url), Title: $"{protocol} splice"), CancellationToken.None);

        var incident = await Eventually.GetAsync(
            async () => await node.Platform.ListIncidentsAsync(new IncidentFilter(StreamId: streamId), CancellationToken.None) is [var first, ..] ? first : null,
            $"an incident on the {protocol} stream", node);
        output.WriteLine($"{protocol}: incident {incident.Id} at level {incident.Level} {registered.Elapsed.TotalSeconds:F1} s after registration");
        Assert.True(incident.Level >= RiskLevel.Alert, $"level {incident.Level}");

        // Preview frames from the worker's ring (before and after the match) join the thumbnail as encrypted evidence.
        var detail = await Eventually.GetAsync(
            async () => await node.Platform.GetIncidentAsync(incident.Id, CancellationToken.None) is { } d && d.Evidence.Count(e => e.Kind == EvidenceKind.Preview) >= 2 ? d : null,
            "preview frames attached to the incident", node);
        Assert.Contains(detail.Evidence, e => e.Kind == EvidenceKind.Match);
        Assert.All(detail.Matches, m => Assert.True(m.Distance <= 31, $"distance {m.Distance}"));

        // Burst sampling after the match restarted the sampler (a reconnect): it is Live again once the source answers.
        var stream = await Eventually.GetAsync(
            async () => await node.Platform.GetStreamAsync(streamId, CancellationToken.None) is { Ingest.State: StreamState.Live } s ? s : null,
            "the stream Live again after the switch to burst sampling", node);
        Assert.Equal(StreamState.Live, stream.Ingest?.State);
        Assert.False(string.IsNullOrEmpty(stream.Ingest?.WorkerId));

        await node.Platform.StopStreamAsync(streamId, CancellationToken.None);
        await AssertNoSamplerAsync(url);
    }

    [Fact]
    public async Task A_pulled_stream_without_the_picture_is_followed_and_opens_no_incident()
    {
        const string streamId = "rtmp-plain";
        using var folder = new TemporaryFolder();
        using var publisher = Publish("rtmp", withPicture: false, folder.Path, null, out var url);

        await node.Platform.RegisterStreamAsync(new StreamRegistration(streamId, new Uri(url)), CancellationToken.None);
        var followed = await Eventually.GetAsync(
            async () => await node.Platform.GetStreamAsync(streamId, CancellationToken.None) is { Monitor.FramesReceived: >= 8 } s ? s : null,
            "8 frames of the plain stream at its grain", node);

        Assert.Equal(StreamState.Live, followed.Ingest?.State);
        Assert.Null(followed.Monitor!.OpenIncidentId);
        Assert.Empty(await node.Platform.ListIncidentsAsync(new IncidentFilter(StreamId: streamId), CancellationToken.None));

        await node.Platform.StopStreamAsync(streamId, CancellationToken.None);
        await AssertNoSamplerAsync(url);
    }

    // What the platform's encoder would send: testsrc2 (benign, never trivially compressible), with the bank picture
    // laid over the whole frame for a few seconds. RTMP and SRT publishers start their clock when the sampler
    // connects; the HLS publisher runs on its own, so its picture comes later (the sampler joins at the live edge).
    private static FfmpegPublisher Publish(string protocol, bool withPicture, string folder, HlsServer? hls, out string url)
    {
        var port = LoopbackPorts.Free();
        var (from, to) = protocol == "hls" ? (14, 22) : (5, 10);
        var video = withPicture
            ? $"-f lavfi -i testsrc2=size=640x360:rate=30 -loop 1 -framerate 30 -i \"{LiveNode.Picture}\" " +
              $"-filter_complex \"[1:v]scale=640:360,format=yuv420p[p];[0:v][p]overlay=enable='between(t,{from},{to})':shortest=1\""
            : "-f lavfi -i testsrc2=size=640x360:rate=30";
        var encode = $"-hide_banner -v error -re {video} -t 120 {FfmpegPublisher.H264(gop: 30)}";
        (url, var output) = protocol switch
        {
            "rtmp" => ($"rtmp://127.0.0.1:{port}/live/test", $"-f flv -listen 1 rtmp://127.0.0.1:{port}/live/test"),
            "srt" => ($"srt://127.0.0.1:{port}", $"-f mpegts \"srt://127.0.0.1:{port}?mode=listener\""),
            "hls" => (hls!.Url("live.m3u8"), $"-f hls -hls_time 1 -hls_list_size 8 -hls_flags delete_segments \"{Path.Combine(folder, "live.m3u8")}\""),
            _ => throw new ArgumentOutOfRangeException(nameof(protocol)),
        };
        // HLS is written to files whatever the clients do; RTMP and SRT servers must take the sampler's reconnects.
        return protocol == "hls" ? FfmpegPublisher.Run($"{encode} {output}") : FfmpegPublisher.Relistening($"{encode} {output}");
    }

    // Stopping a stream kills its sampler: no ffmpeg child of the node pulls the URL any more.
    private async Task AssertNoSamplerAsync(string url)
    {
        var host = new Uri(url).Authority;
        await Eventually.HoldsAsync(() => ChildProcesses.Of(node.ProcessId, host).Count == 0, $"no ffmpeg child of the node pulling {host} after stop", node);
    }
}
