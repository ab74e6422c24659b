using System.Globalization;
using LiveWatch.Hashing.Formats;
using LiveWatch.Hashing.Video;
using static LiveWatch.Hashing.Tests.Formats.TestHashes;

namespace LiveWatch.Hashing.Tests.Formats;

public sealed class VpdqHashListTests
{
    [Theory]
    [InlineData("vpdq/upstream-sample-hashes/doorknob-hd-no-bar.txt", 120)]
    [InlineData("vpdq/upstream-sample-hashes/doorknob-hd-no-bar-128x128.txt", 120)]
    [InlineData("vpdq/upstream-sample-hashes/test-padded-dimensions.txt", 150)]
    [InlineData("vpdq/regenerated-ffmpeg5.1/doorknob-hd-no-bar.txt", 120)]
    [InlineData("vpdq/regenerated-ffmpeg5.1/doorknob-hd-no-bar-128x128.txt", 120)]
    [InlineData("vpdq/regenerated-ffmpeg5.1/test-padded-dimensions.txt", 150)]
    public void Reads_every_frame_of_the_fixture_files_as_vpdq(string relativePath, int frameCount)
    {
        var result = HashListReader.ReadFile(Fixtures.Pdq(relativePath));

        // The reference tools name vPDQ output .txt; detection must still see vPDQ.
        Assert.Equal(HashListFormat.Vpdq, result.Format);
        Assert.Equal(frameCount, result.VpdqFrames.Count);

        // Hashed every frame (seconds per hash 0): frame numbers 0..n-1, timestamps n/30 with three decimals.
        Assert.Equal(Enumerable.Range(0, frameCount), result.VpdqFrames.Select(f => f.FrameNumber));
        Assert.All(result.VpdqFrames, f => Assert.Equal(Math.Round(f.FrameNumber / 30.0, 3), f.TimestampSeconds));
        Assert.All(result.VpdqFrames, f => Assert.InRange(f.Quality, 0, 100));
        Assert.Equal(result.VpdqFrames.Select(f => f.Hash), result.Entries.Select(e => e.Hash));
        Assert.Equal(Enumerable.Range(1, frameCount), result.Entries.Select(e => e.LineNumber));
    }

    [Fact]
    public void Reads_the_values_of_a_line_exactly()
    {
        var result = HashListReader.ReadFile(Fixtures.Pdq("vpdq/regenerated-ffmpeg5.1/doorknob-hd-no-bar-r1.txt"));

        Assert.Equal(
            [
                new VpdqFrame(0, 100, Hash256.Parse("dadb999c25266273529cadac8dcb52c22324ad3bce99726c38668d93c799f06c"), 0.0),
                new VpdqFrame(30, 68, Hash256.Parse("c8feb0fc73910f830fc6307cf039e7030fc61b9cf8717cf00fce00070003fffe"), 1.0),
                new VpdqFrame(60, 0, Hash256.Parse("4de4be27bac5c7946af3ac061dea8798275e6abcd1428b8491e4c34ecb5362e8"), 2.0),
                new VpdqFrame(90, 24, Hash256.Parse("54aa52aa555aaabaaa55ad55aad55555557a54aa55aa554aaaaa5555a955aa95"), 3.0),
            ],
            result.VpdqFrames);
        Assert.Equal("doorknob-hd-no-bar-r1.txt", result.Source);
    }

    [Theory]
    [InlineData("vpdq/regenerated-ffmpeg5.1/doorknob-hd-no-bar-r1.txt", 120)]
    [InlineData("vpdq/regenerated-ffmpeg5.1/test-padded-dimensions-r1.txt", 150)]
    public void One_second_fixtures_hold_exactly_the_frames_the_selection_rule_picks(string relativePath, int decodedFrames)
    {
        var frames = HashListReader.ReadFile(Fixtures.Pdq(relativePath)).VpdqFrames;

        var selected = Enumerable.Range(0, decodedFrames).Where(n => VpdqFrameSelection.ShouldHash(n, 30, 1));
        Assert.Equal(selected, frames.Select(f => f.FrameNumber));
    }

    [Fact]
    public void Accepts_upper_case_hex_spaces_comments_and_crlf()
    {
        var text = $"# made by hand\r\n\r\n 3 , 75 , {A.ToUpperInvariant()} , 0.100 \r\n4,0,{B},1e-1\r\n";

        var result = Read(text, "clip.vpdq");

        Assert.Equal(
            [new VpdqFrame(3, 75, Hash256.Parse(A), 0.1), new VpdqFrame(4, 0, Hash256.Parse(B), 0.1)],
            result.VpdqFrames);
        Assert.Equal([3, 4], result.Entries.Select(e => e.LineNumber));
    }

    [Theory]
    [InlineData("0,100,{A}", "expected 4 comma-separated columns (frame,quality,hash,timestamp), got 3")]
    [InlineData("0,100,{A},0.000,extra", "expected 4 comma-separated columns (frame,quality,hash,timestamp), got 5")]
    [InlineData("-1,100,{A},0.000", "column 'frame': expected a non-negative integer, got '-1'")]
    [InlineData("1.5,100,{A},0.000", "column 'frame': expected a non-negative integer, got '1.5'")]
    [InlineData("99999999999,100,{A},0.000", "column 'frame': expected a non-negative integer, got '99999999999'")]
    [InlineData(",100,{A},0.000", "column 'frame': expected a non-negative integer, got ''")]
    [InlineData("0,101,{A},0.000", "column 'quality': expected an integer 0..100, got '101'")]
    [InlineData("0,-1,{A},0.000", "column 'quality': expected an integer 0..100, got '-1'")]
    [InlineData("0,high,{A},0.000", "column 'quality': expected an integer 0..100, got 'high'")]
    [InlineData("0,100,{A}0,0.000", "column 'hash': a PDQ hash is 64 hex characters, got 65")]
    [InlineData("0,100,{A},-0.033", "column 'timestamp': expected a non-negative number of seconds, got '-0.033'")]
    [InlineData("0,100,{A},NaN", "column 'timestamp': expected a non-negative number of seconds, got 'NaN'")]
    [InlineData("0,100,{A},Infinity", "column 'timestamp': expected a non-negative number of seconds, got 'Infinity'")]
    [InlineData("0,100,{A},0,5", "expected 4 comma-separated columns (frame,quality,hash,timestamp), got 5")]
    [InlineData("0,100,{A},1s", "column 'timestamp': expected a non-negative number of seconds, got '1s'")]
    public void Rejects_bad_lines_with_the_column_and_reason(string badLine, string reason)
    {
        var text = $"0,100,{A},0.000\n{badLine.Replace("{A}", A, StringComparison.Ordinal)}\n";

        var error = Reject(text, "clip.vpdq");

        Assert.Equal($"clip.vpdq:2: {reason}", error.Message);
    }

    [Fact]
    public void Skip_mode_keeps_the_good_frames()
    {
        var text = $"0,100,{A},0.000\n1,200,{A},0.033\n2,90,{B},0.067\n";

        var result = Read(text, "clip.vpdq", SkipBadLines);

        Assert.Equal([0, 2], result.VpdqFrames.Select(f => f.FrameNumber));
        Assert.Equal([1, 3], result.Entries.Select(e => e.LineNumber));
        Assert.Equal([new HashListError("clip.vpdq", 2, "column 'quality': expected an integer 0..100, got '200'")], result.SkippedLines);
    }

    [Fact]
    public void Negative_zero_timestamp_reads_as_zero()
    {
        var frame = Read($"0,100,{A},-0.000\n", "clip.vpdq").VpdqFrames.Single();

        Assert.Equal("0", frame.TimestampSeconds.ToString(CultureInfo.InvariantCulture));
    }
}
