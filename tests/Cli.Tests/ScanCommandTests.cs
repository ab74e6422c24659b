namespace LiveWatch.Cli.Tests;

public sealed class ScanCommandTests
{
    private static readonly string s_demoBank = Path.Combine(Repository.Root, "samples", "demo-bank.csv");

    [Fact]
    public async Task A_bank_picture_spliced_into_a_stream_raises_the_level_and_opens_an_incident_at_its_time()
    {
        var video = await SyntheticVideos.SplicedAsync(Repository.Pdq("images/bridge-mods/aaa-orig.jpg"));

        var result = await LivewatchProcess.RunAsync("scan", video, "--bank", s_demoBank);

        Assert.Equal(1, result.ExitCode);
        var lines = result.OutputLines;
        Assert.Equal("seconds,event,detail", lines[0]);
        // The picture is on screen from 6 s to 10 s; sampled at 1 fps in Clear, so first seen at exactly 6 s.
        Assert.StartsWith("6.000,match,entry=demo-1 distance=", lines[1], StringComparison.Ordinal);
        Assert.Equal("6.000,level,Clear -> Alert (score 3.00)", lines[2]);
        Assert.Equal("6.000,incident,opened at level Alert", lines[3]);
        Assert.DoesNotContain(lines, l => l.Contains(",match,", StringComparison.Ordinal) && double.Parse(l.Split(',')[0], System.Globalization.CultureInfo.InvariantCulture) >= 10.0);
        Assert.Single(lines, l => l.Contains(",incident,", StringComparison.Ordinal));
        Assert.StartsWith("# ", lines[^1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_clean_stream_exits_0_with_no_events()
    {
        var video = await SyntheticVideos.CleanAsync();

        var result = await LivewatchProcess.RunAsync("scan", video, "--bank", s_demoBank);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(["seconds,event,detail", "# 10 frames analysed, 0 matched, final level Clear"], result.OutputLines);
    }

    [Fact]
    public async Task A_missing_video_or_bank_exits_2()
    {
        var noVideo = await LivewatchProcess.RunAsync("scan", "/nonexistent.mp4", "--bank", s_demoBank);
        var noBank = await LivewatchProcess.RunAsync("scan", "/nonexistent.mp4", "--bank", "/nonexistent.csv");

        Assert.Equal(2, noVideo.ExitCode);
        Assert.Contains("/nonexistent.mp4: no such file", noVideo.StandardError, StringComparison.Ordinal);
        Assert.Equal(2, noBank.ExitCode);
        Assert.Contains("/nonexistent.csv: no such bank file", noBank.StandardError, StringComparison.Ordinal);
    }
}
