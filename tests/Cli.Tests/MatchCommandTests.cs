namespace LiveWatch.Cli.Tests;

public sealed class MatchCommandTests
{
    private static readonly string s_demoBank = Path.Combine(Repository.Root, "samples", "demo-bank.csv");
    private const string Bridge = "f8f8f0cee0f4a84f06370a22038f63f0b36e2ed596621e1d33e6b39c4e9c9b22";

    [Fact]
    public async Task A_hash_in_the_bank_matches_with_its_id_and_distance_and_exits_0()
    {
        var result = await LivewatchProcess.RunAsync("match", Bridge, "--bank", s_demoBank);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(["demo-1,0"], result.OutputLines);
    }

    [Fact]
    public async Task Nothing_within_the_distance_exits_1_with_no_output()
    {
        // The same bridge hash with 20 bits flipped: matches at 31, not at 16.
        var far = FlipBits(Bridge, 20);

        var strict = await LivewatchProcess.RunAsync("match", far, "--bank", s_demoBank, "--max-distance", "16");
        var loose = await LivewatchProcess.RunAsync("match", far, "--bank", s_demoBank);

        Assert.Equal(1, strict.ExitCode);
        Assert.Empty(strict.OutputLines);
        Assert.Equal(string.Empty, strict.StandardError);
        Assert.Equal(0, loose.ExitCode);
        Assert.Equal(["demo-1,20"], loose.OutputLines);
    }

    [Fact]
    public async Task A_picture_matches_and_a_rotated_copy_matches_only_with_dihedral()
    {
        var original = await LivewatchProcess.RunAsync("match", Repository.Pdq("images/bridge-mods/blur-a-lot.jpg"), "--bank", s_demoBank);
        var rotated = await LivewatchProcess.RunAsync("match", Repository.Pdq("images/dih/bridge-3-rotate-180.jpg"), "--bank", s_demoBank, "--max-distance", "16");
        var rotatedDihedral = await LivewatchProcess.RunAsync("match", Repository.Pdq("images/dih/bridge-3-rotate-180.jpg"), "--bank", s_demoBank, "--dihedral", "--max-distance", "16");

        Assert.Equal(0, original.ExitCode);
        Assert.Equal(["demo-1,4"], original.OutputLines);
        Assert.Equal(1, rotated.ExitCode);
        Assert.Equal(0, rotatedDihedral.ExitCode);
        Assert.Equal(["demo-1,8,rot180"], rotatedDihedral.OutputLines);
    }

    [Fact]
    public async Task A_video_matches_frame_by_frame_and_against_a_vpdq_bank_gives_the_verdict()
    {
        var result = await LivewatchProcess.RunAsync(
            "match", Repository.Pdq("vpdq/videos/test-padded-dimensions.mp4"),
            "--bank", Repository.Pdq("vpdq/upstream-sample-hashes/test-padded-dimensions.txt"));

        Assert.Equal(0, result.ExitCode);
        var lines = result.OutputLines;
        // One hash per second over a 5 s video: frames 0, 30, 60, 90, 120, each found exactly (same ffmpeg result).
        Assert.Equal(["0.000,0,0,0", "1.000,30,30,0", "2.000,60,60,0", "3.000,90,90,0", "4.000,120,120,0"], lines[..5]);
        Assert.Equal("# vpdq: 100.0% of the query's frames and 74.0% of the bank video's frames matched: MATCH", lines[5]);
    }

    [Fact]
    public async Task A_bank_with_a_bad_line_is_rejected_with_file_line_and_reason_and_exits_2()
    {
        var bank = Path.Combine(Path.GetTempPath(), $"livewatch-bank-{Guid.NewGuid():N}.txt");
        await File.WriteAllTextAsync(bank, $"# demo\n{Bridge}\n{Bridge[..63]}\n");
        try
        {
            var result = await LivewatchProcess.RunAsync("match", Bridge, "--bank", bank);

            Assert.Equal(2, result.ExitCode);
            Assert.Empty(result.OutputLines);
            Assert.Contains($"{Path.GetFileName(bank)}:3:", result.StandardError, StringComparison.Ordinal);
            Assert.Contains("a PDQ hash is 64 hex characters, got 63", result.StandardError, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(bank);
        }
    }

    [Theory]
    [InlineData("not-a-hash-nor-a-file", "not-a-hash-nor-a-file: neither an existing file nor a PDQ hash")]
    public async Task A_query_that_is_neither_a_file_nor_a_hash_exits_2(string query, string message)
    {
        var result = await LivewatchProcess.RunAsync("match", query, "--bank", s_demoBank);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(message, result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Missing_bank_bad_distance_and_dihedral_on_a_hash_exit_2()
    {
        var missing = await LivewatchProcess.RunAsync("match", Bridge, "--bank", "/nonexistent/bank.csv");
        var noBank = await LivewatchProcess.RunAsync("match", Bridge);
        var distance = await LivewatchProcess.RunAsync("match", Bridge, "--bank", s_demoBank, "--max-distance", "64");
        var dihedral = await LivewatchProcess.RunAsync("match", Bridge, "--bank", s_demoBank, "--dihedral");

        Assert.Equal(2, missing.ExitCode);
        Assert.Contains("/nonexistent/bank.csv: no such bank file", missing.StandardError, StringComparison.Ordinal);
        Assert.Equal(2, noBank.ExitCode);
        Assert.Contains("--bank", noBank.StandardError, StringComparison.Ordinal);
        Assert.Equal(2, distance.ExitCode);
        Assert.Contains("--max-distance must be between 0 and 63, got 64.", distance.StandardError, StringComparison.Ordinal);
        Assert.Equal(2, dihedral.ExitCode);
        Assert.Contains("--dihedral needs a picture", dihedral.StandardError, StringComparison.Ordinal);
    }

    private static string FlipBits(string hex, int count)
    {
        var bytes = Convert.FromHexString(hex);
        for (var bit = 0; bit < count; bit++)
        {
            bytes[bit * 8 % 32] ^= (byte)(1 << (bit / 4 % 8));
        }

        return Convert.ToHexStringLower(bytes);
    }
}
