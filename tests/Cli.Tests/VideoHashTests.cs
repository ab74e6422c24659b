namespace LiveWatch.Cli.Tests;

/// <summary>vPDQ through the CLI against the reference outputs regenerated with FFmpeg 5.1 (Debian 12's ffmpeg).</summary>
public sealed class VideoHashTests
{
    [Theory]
    [InlineData("test-padded-dimensions", "0", "test-padded-dimensions.txt")]
    [InlineData("test-padded-dimensions", "1", "test-padded-dimensions-r1.txt")]
    [InlineData("doorknob-hd-no-bar", "0", "doorknob-hd-no-bar.txt")]
    [InlineData("doorknob-hd-no-bar", "1", "doorknob-hd-no-bar-r1.txt")]
    public async Task Video_hashes_equal_the_reference_built_against_the_same_ffmpeg(string video, string secondsPerHash, string expectedFile)
    {
        var result = await LivewatchProcess.RunAsync(
            "hash", "--video", Repository.Pdq($"vpdq/videos/{video}.mp4"), "--seconds-per-hash", secondsPerHash);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(string.Empty, result.StandardError);
        var expected = File.ReadAllLines(Repository.Pdq($"vpdq/regenerated-ffmpeg5.1/{expectedFile}")).Where(l => l.Length > 0);
        Assert.Equal(expected, result.OutputLines);
    }

    [Fact]
    public async Task A_picture_given_as_video_gives_one_frame_and_a_broken_video_a_clear_error()
    {
        var broken = Path.Combine(Path.GetTempPath(), $"livewatch-broken-{Guid.NewGuid():N}.mp4");
        await File.WriteAllBytesAsync(broken, [0, 0, 0, 0x18, (byte)'f', (byte)'t', (byte)'y', (byte)'p', 1, 2, 3]);
        try
        {
            var result = await LivewatchProcess.RunAsync("hash", "--video", broken);

            Assert.Equal(2, result.ExitCode);
            Assert.StartsWith($"livewatch: {broken}: ", result.StandardError, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(broken);
        }
    }
}
