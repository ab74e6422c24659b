using LiveWatch.Contracts.Ingest;
using LiveWatch.Contracts.Risk;
using LiveWatch.Ingest.Tests.Publishers;

namespace LiveWatch.Ingest.Tests.Supervision;

/// <summary>Publishers that stop, vanish, come back or change: the supervisor follows, and leaks nothing.</summary>
[Collection(FfmpegTests.Name)]
public sealed class ResilienceTests
{
    [Fact]
    public async Task A_stream_that_stops_sending_goes_stalled_then_reconnecting()
    {
        var port = LoopbackPorts.Free();
        using var publisher = FfmpegPublisher.Rtmp(port);
        await using var harness = new SupervisorHarness($"rtmp://127.0.0.1:{port}/live/test", o => o.KeyframeFallbackAfter = TimeSpan.FromSeconds(30)).Start();
        await harness.WaitForSamplesAsync(2);

        // Only what follows the freeze counts: the first connection may have been refused (and reported Reconnecting)
        // before the publisher listened.
        var before = harness.States.Count;
        publisher.Freeze(); // connection open, nothing sent

        await harness.WaitUntilAsync(() => harness.States.Skip(before).Contains(IngestState.Reconnecting), "Reconnecting after the freeze");
        var states = harness.States.Skip(before).ToList();
        Assert.True(states.IndexOf(IngestState.Stalled) is >= 0 and var stalled && states.IndexOf(IngestState.Reconnecting) > stalled, string.Join(",", states));
    }

    [Fact]
    public async Task An_rtmp_publisher_that_disconnects_and_reconnects_goes_reconnecting_then_live_again()
    {
        var port = LoopbackPorts.Free();
        await using var harness = new SupervisorHarness($"rtmp://127.0.0.1:{port}/live/test", o => o.MaxRestarts = 20).Start();
        using (FfmpegPublisher.Rtmp(port, seconds: 3))
        {
            await harness.WaitForStateAsync(IngestState.Reconnecting);
        }

        var before = harness.Received.Count;
        // The second publisher restarts its clock and changes resolution: samples continue, in sequence.
        using var again = FfmpegPublisher.Rtmp(port, size: "480x270");
        await harness.WaitUntilAsync(() => harness.Received.Count >= before + 2, "samples from the second publisher");

        var states = harness.States.ToList();
        var reconnecting = states.IndexOf(IngestState.Reconnecting);
        Assert.Contains(IngestState.Live, states.Skip(reconnecting));
        var samples = harness.Received.ToList();
        Assert.All(samples.Zip(samples.Skip(1)), p => Assert.Equal(p.First.Sequence + 1, p.Second.Sequence));
    }

    [Fact]
    public async Task Policy_switches_to_full_decode_and_back()
    {
        var port = LoopbackPorts.Free();
        using var publisher = new RepeatingRtmpPublisher(port, gop: 90); // keyframes every 3 s
        await using var harness = new SupervisorHarness($"rtmp://127.0.0.1:{port}/live/test", o => o.KeyframeFallbackAfter = TimeSpan.FromSeconds(30)).Start();
        await harness.WaitForSamplesAsync(2);
        var keyframeGap = harness.Received.ElementAt(1).StreamSeconds - harness.Received.ElementAt(0).StreamSeconds;

        harness.Supervisor.ApplyPolicy(new SamplingPolicy(SamplingMode.FullDecode, 4));
        var switchedAt = harness.Received.Count;
        await harness.WaitUntilAsync(() => harness.Received.Count >= switchedAt + 8, "full decode samples");
        var full = harness.Received.Skip(switchedAt + 2).Take(5).ToList();

        harness.Supervisor.ApplyPolicy(new SamplingPolicy(SamplingMode.KeyframesOnly, 4));
        Assert.Equal(SamplingMode.KeyframesOnly, harness.Supervisor.EffectiveMode);
        // Full-decode samples already in flight still arrive; then keyframes, 3 s apart again.
        await harness.WaitUntilAsync(() => harness.Received.TakeLast(2).ToList() is [var a, var b] && b.StreamSeconds - a.StreamSeconds is > 2.9 and < 3.1, "keyframe samples 3 s apart again");

        Assert.InRange(keyframeGap, 2.9, 3.1);
        Assert.All(full.Zip(full.Skip(1)), p => Assert.InRange(p.Second.StreamSeconds - p.First.StreamSeconds, 0.2, 0.3));
        // Restarts is not asserted: the test publisher needs a moment to listen again after each client, so the
        // reconnects after a switch may meet a refused port and count as restarts.
    }

    [Fact]
    public async Task Sparse_keyframes_fall_back_to_full_decode_observably()
    {
        var port = LoopbackPorts.Free();
        using var publisher = new RepeatingRtmpPublisher(port, gop: 600); // one keyframe, then none for 20 s
        await using var harness = new SupervisorHarness($"rtmp://127.0.0.1:{port}/live/test", o => o.KeyframeFallbackAfter = TimeSpan.FromSeconds(2)).Start();

        await harness.WaitUntilAsync(() => harness.Changes.Any(c => c.Reason?.Contains("full decode", StringComparison.Ordinal) == true), "the fallback");
        var at = harness.Received.Count;
        await harness.WaitUntilAsync(() => harness.Received.Count >= at + 3, "full decode samples");

        Assert.Equal(SamplingMode.FullDecode, harness.Supervisor.EffectiveMode);
    }
}
