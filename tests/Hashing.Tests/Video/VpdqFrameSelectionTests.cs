using LiveWatch.Hashing.Video;

namespace LiveWatch.Hashing.Tests.Video;

public sealed class VpdqFrameSelectionTests
{
    private static IEnumerable<int> Selected(int frameCount, double fps, double secondsPerHash) =>
        Enumerable.Range(0, frameCount).Where(n => VpdqFrameSelection.ShouldHash(n, fps, secondsPerHash));

    [Fact]
    public void Thirty_fps_and_one_second_per_hash_hashes_every_thirtieth_frame() =>
        Assert.Equal([0, 30, 60, 90, 120], Selected(150, 30, 1));

    [Fact]
    public void Zero_seconds_per_hash_hashes_every_frame() =>
        Assert.Equal(Enumerable.Range(0, 50), Selected(50, 30, 0));

    [Fact]
    public void Streams_slower_than_the_interval_hash_every_frame()
    {
        // 0.5 fps x 1 s = 0.5 frames, truncated to 0; the reference's max(1, ...) makes that every frame.
        Assert.Equal(1, VpdqFrameSelection.FrameInterval(0.5, 1));
        Assert.Equal(Enumerable.Range(0, 10), Selected(10, 0.5, 1));
    }

    [Theory]
    [InlineData(29.97, 1, 29)]
    [InlineData(30, 0.5, 15)]
    [InlineData(30, 2.5, 75)]
    [InlineData(24, 1, 24)]
    [InlineData(59.94, 1, 59)]
    [InlineData(1, 1, 1)]
    public void The_interval_is_the_truncated_product(double fps, double secondsPerHash, long interval)
    {
        Assert.Equal(interval, VpdqFrameSelection.FrameInterval(fps, secondsPerHash));
        Assert.True(VpdqFrameSelection.ShouldHash(interval * 3, fps, secondsPerHash));
        Assert.Equal(interval == 1, VpdqFrameSelection.ShouldHash(interval * 3 + 1, fps, secondsPerHash));
    }

    [Fact]
    public void An_enormous_interval_hashes_only_the_first_frame()
    {
        Assert.Equal(long.MaxValue, VpdqFrameSelection.FrameInterval(30, 1e300));
        Assert.True(VpdqFrameSelection.ShouldHash(0, 30, 1e300));
        Assert.False(VpdqFrameSelection.ShouldHash(long.MaxValue - 1, 30, 1e300));
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-30.0)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void Rejects_an_invalid_frame_rate(double fps)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => VpdqFrameSelection.ShouldHash(0, fps, 1));
        Assert.Equal("framesPerSecond", error.ParamName);
    }

    [Theory]
    [InlineData(-1.0)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void Rejects_an_invalid_interval(double secondsPerHash)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => VpdqFrameSelection.ShouldHash(0, 30, secondsPerHash));
        Assert.Equal("secondsPerHash", error.ParamName);
    }

    [Fact]
    public void Rejects_a_negative_frame_index()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => VpdqFrameSelection.ShouldHash(-1, 30, 1));
        Assert.Equal("frameIndex", error.ParamName);
    }

    [Theory]
    [InlineData(VpdqFixtureFiles.Doorknob, VpdqFixtureFiles.DoorknobEverySecond)]
    [InlineData(VpdqFixtureFiles.Padded, VpdqFixtureFiles.PaddedEverySecond)]
    public void The_one_second_fixtures_are_the_selected_frames_of_the_every_frame_ones(string everyFrame, string everySecond)
    {
        // Same decoder, same frames: hashing with --seconds-per-hash 1 must give exactly the every-frame hashes of
        // the frames the rule selects (doorknob: 0, 30, 60, 90 of 120; padded: 0, 30, 60, 90, 120 of 150).
        var all = VpdqFixtureFiles.Regenerated(everyFrame);
        var sampled = VpdqFixtureFiles.Regenerated(everySecond);

        var expected = all.Where(f => VpdqFrameSelection.ShouldHash(f.FrameNumber, 30, 1));
        Assert.Equal(expected, sampled);
    }
}
