using System.Globalization;
using LiveWatch.Ingest.Sampling;

namespace LiveWatch.Ingest.Tests.Sampling;

public sealed class SourceBitrateMeterTests
{
    [Fact]
    public void The_bitrate_is_known_once_a_whole_window_of_stream_time_is_seen_and_counts_every_stream()
    {
        var meter = new SourceBitrateMeter(TimeSpan.FromSeconds(2));
        Assert.Null(meter.Observe("#tb 0: 1/1000"));
        Assert.Null(meter.Observe("#media_type 0: video"));
        Assert.Null(meter.Observe("#tb 1: 1/48000"));

        // Video: 25,000 bytes every 100 ms (2 Mbit/s); audio: 1,000 bytes every 48,000 ticks of its own clock (8 kbit/s).
        double? last = null;
        for (var i = 0; i <= 40; i++)
        {
            var ms = i * 100;
            last = meter.Observe(Line(0, ms, 25_000));
            if (ms < 2000)
            {
                Assert.Null(last);
            }

            if (ms % 1000 == 0)
            {
                last = meter.Observe(Line(1, ms * 48, 1_000)) ?? last;
            }
        }

        Assert.NotNull(last);
        Assert.InRange(last!.Value, 2_000_000, 2_020_000);
    }

    [Fact]
    public void A_jump_in_stream_time_starts_the_window_again()
    {
        var meter = new SourceBitrateMeter(TimeSpan.FromSeconds(1));
        meter.Observe("#tb 0: 1/90000");
        for (var i = 0; i < 40; i++)
        {
            meter.Observe(Line(0, i * 9_000, 10_000));
        }

        Assert.NotNull(meter.Observe(Line(0, 40 * 9_000, 10_000)));

        // The publisher restarted its clock: nothing is known until a window of the new clock is seen.
        Assert.Null(meter.Observe(Line(0, 0, 10_000)));
        Assert.Null(meter.Observe(Line(0, 45_000, 10_000)));
        Assert.NotNull(meter.Observe(Line(0, 90_000, 10_000)));
    }

    [Theory]
    [InlineData("")]
    [InlineData("#software: Lavf59.27.100")]
    [InlineData("not a packet")]
    [InlineData("0, x, 0, 1, 10, 0x0")]
    [InlineData("7, 0, 0, 1, 10, 0x0")] // a stream whose time base was never given
    public void Lines_it_does_not_understand_are_ignored(string line)
    {
        var meter = new SourceBitrateMeter(TimeSpan.FromSeconds(1));
        meter.Observe("#tb 0: 1/1000");
        Assert.Null(meter.Observe(line));
    }

    private static string Line(int stream, long dts, int size) =>
        string.Create(CultureInfo.InvariantCulture, $"{stream},{dts,11},{dts,11},{100,9},{size,9}, 0x4f3824f4");
}
