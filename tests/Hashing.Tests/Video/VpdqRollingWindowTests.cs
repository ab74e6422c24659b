using LiveWatch.Hashing.Video;
using static LiveWatch.Hashing.Tests.Video.VpdqFixtureFiles;

namespace LiveWatch.Hashing.Tests.Video;

public sealed class VpdqRollingWindowTests
{
    private static VpdqFrame FrameAt(double seconds, int quality = 100, int frameNumber = 0, Hash256 hash = default) =>
        new(frameNumber, quality, hash, seconds);

    [Fact]
    public void Keeps_the_frames_of_the_last_window_seconds()
    {
        var window = new VpdqRollingWindow(windowSeconds: 3);

        for (var second = 0; second <= 5; second++)
        {
            window.Add(FrameAt(second, frameNumber: second));
        }

        // (5 - 3, 5]: one hash per second and a 3-second window hold three frames.
        Assert.Equal([3, 4, 5], window.GetFrames().Select(f => f.FrameNumber));
        Assert.Equal(3, window.Count);
        Assert.Equal(2, window.CoveredSeconds);
        Assert.Equal(5, window.Newest?.FrameNumber);
    }

    [Fact]
    public void Keeps_at_most_max_frames()
    {
        var window = new VpdqRollingWindow(double.PositiveInfinity, maxFrames: 4);

        for (var i = 0; i < 10; i++)
        {
            window.Add(FrameAt(i / 30.0, frameNumber: i));
        }

        Assert.Equal([6, 7, 8, 9], window.GetFrames().Select(f => f.FrameNumber));
    }

    [Fact]
    public void The_tighter_limit_wins()
    {
        var window = new VpdqRollingWindow(windowSeconds: 1, maxFrames: 100);

        for (var i = 0; i < 90; i++)
        {
            window.Add(FrameAt(i / 30.0, frameNumber: i));
        }

        // Frames after 89/30 - 1 s = 59/30 s: frames 60..89.
        Assert.Equal(Enumerable.Range(60, 30), window.GetFrames().Select(f => f.FrameNumber));
    }

    [Fact]
    public void Frames_with_equal_timestamps_are_accepted_and_a_lone_frame_covers_no_time()
    {
        var window = new VpdqRollingWindow(windowSeconds: 1);

        window.Add(FrameAt(2));
        Assert.Equal(0, window.CoveredSeconds);
        window.Add(FrameAt(2));

        Assert.Equal(2, window.Count);
    }

    [Fact]
    public void Rejects_frames_out_of_timestamp_order_and_keeps_its_contents()
    {
        var window = new VpdqRollingWindow(windowSeconds: 10);
        window.Add(FrameAt(2, frameNumber: 60));

        var error = Assert.Throws<ArgumentException>(() => window.Add(FrameAt(1, frameNumber: 30)));

        Assert.Equal("frame", error.ParamName);
        Assert.StartsWith("Frames must be added in timestamp order: frame 30 at 1 s came after frame 60 at 2 s.", error.Message, StringComparison.Ordinal);
        Assert.Equal([60], window.GetFrames().Select(f => f.FrameNumber));
    }

    [Theory]
    [InlineData(-1.0)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void Rejects_invalid_timestamps(double seconds)
    {
        var window = new VpdqRollingWindow(windowSeconds: 10);

        Assert.Throws<ArgumentException>(() => window.Add(FrameAt(seconds)));
        Assert.Equal(0, window.Count);
    }

    [Theory]
    [InlineData(0.0, 1)]
    [InlineData(-1.0, 1)]
    [InlineData(double.NaN, 1)]
    [InlineData(1.0, 0)]
    public void Rejects_an_invalid_size(double windowSeconds, int maxFrames) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new VpdqRollingWindow(windowSeconds, maxFrames));

    [Fact]
    public void Clear_empties_the_window_and_allows_a_restarted_clock()
    {
        var window = new VpdqRollingWindow(windowSeconds: 10);
        window.Add(FrameAt(5));

        window.Clear();
        window.Add(FrameAt(0));

        Assert.Equal(1, window.Count);
        Assert.Equal(0, window.Newest?.TimestampSeconds);
    }

    [Fact]
    public void Low_quality_frames_fill_the_window_but_take_no_part_in_matching()
    {
        var window = new VpdqRollingWindow(windowSeconds: 10);
        window.Add(FrameAt(0, quality: 100, hash: Hash256.Zero));
        window.Add(FrameAt(1, quality: 10, hash: new Hash256(ulong.MaxValue, ulong.MaxValue, 0, 0)));
        var target = window.Matcher.Prepare([FrameAt(0, hash: Hash256.Zero)]);

        var result = window.Match(target);

        Assert.Equal(2, window.Count);
        Assert.Equal(new VpdqMatchResult(100, 100, true, 1, 1, 1, 1), result);
    }

    [Fact]
    public void A_window_over_the_whole_stream_matches_like_the_whole_video()
    {
        var stream = Regenerated(Doorknob);
        var known = Upstream(Doorknob);
        var window = new VpdqRollingWindow(double.PositiveInfinity);
        foreach (var frame in stream)
        {
            window.Add(frame);
        }

        Assert.Equal(VpdqMatcher.Default.Match(stream, known), window.Match(VpdqMatcher.Default.Prepare(known)));
    }

    [Fact]
    public void Every_window_of_a_known_stream_matches_and_of_another_stream_does_not()
    {
        var padded = VpdqMatcher.Default.Prepare(Upstream(Padded));
        var doorknob = VpdqMatcher.Default.Prepare(Upstream(Doorknob));
        var window = new VpdqRollingWindow(windowSeconds: 1);

        foreach (var frame in Regenerated(Padded))
        {
            window.Add(frame);

            // The stream is the padded video itself (bit-identical hashes): each window is wholly known content.
            var known = window.Match(padded);
            Assert.True(known.IsMatch);
            Assert.Equal(100, known.QueryMatchPercent);

            var other = window.Match(doorknob);
            Assert.False(other.IsMatch);
            Assert.Equal(0, other.QueryMatchedCount);
        }
    }

    [Fact]
    public void A_stream_that_cuts_from_known_to_unknown_content_stops_matching_when_the_window_moves_on()
    {
        // Stream: the good-quality start of the doorknob clip (frames 0..34, up to 1.133 s), then the padded video
        // shifted to start at 1.2 s. Against the known doorknob video, a window's query percentage is the share of
        // its distinct good hashes that come from doorknob: every doorknob hash here matches (100 % above) and no
        // padded hash comes within 96 bits of doorknob. So the oracle below counts hashes by their origin.
        var doorknobPart = Regenerated(Doorknob).Where(f => f.FrameNumber <= 34).ToList();
        var paddedPart = Regenerated(Padded).Select(f => f with { TimestampSeconds = f.TimestampSeconds + 1.2 }).ToList();
        var doorknobHashes = doorknobPart.Select(f => f.Hash).ToHashSet();
        var known = VpdqMatcher.Default.Prepare(Upstream(Doorknob));
        var window = new VpdqRollingWindow(windowSeconds: 1);
        var verdicts = new List<bool>();

        foreach (var frame in doorknobPart.Concat(paddedPart))
        {
            window.Add(frame);
            var result = window.Match(known);

            var distinct = window.GetFrames().Where(f => f.Quality >= 50).Select(f => f.Hash).Distinct().ToList();
            var fromDoorknob = distinct.Count(doorknobHashes.Contains);
            Assert.Equal(distinct.Count, result.QueryHashCount);
            Assert.Equal(fromDoorknob, result.QueryMatchedCount);
            Assert.Equal(fromDoorknob * 100.0 / distinct.Count, result.QueryMatchPercent, 9);
            verdicts.Add(result.IsMatch);
        }

        // Matches from the first frame while the window is doorknob, then never again once padded content passes
        // 20 % of it: one switch from true to false.
        Assert.True(verdicts[0]);
        Assert.False(verdicts[^1]);
        Assert.Equal(1, verdicts.Zip(verdicts.Skip(1)).Count(pair => pair.First != pair.Second));
    }
}
