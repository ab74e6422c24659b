namespace LiveWatch.Cli.Tests;

public sealed class HashCommandTests
{
    private static readonly string[] s_rasterFiles = ExpectedHashes.Rows.Where(r => ExpectedHashes.IsRaster(r.File) && r.Mode == "core")
        .Select(r => r.File).ToArray();

    [Theory]
    [InlineData("core")]
    [InlineData("cli")]
    public async Task Prints_the_reference_hash_and_quality_for_every_raster_vector(string mode)
    {
        var paths = s_rasterFiles.Select(Repository.Pdq).ToArray();
        var args = mode == "cli" ? ["hash", "--cli512", .. paths] : new[] { "hash" }.Concat(paths).ToArray();

        var result = await LivewatchProcess.RunAsync(args);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(string.Empty, result.StandardError);
        var expected = ExpectedHashes.Rows.Where(r => ExpectedHashes.IsRaster(r.File) && r.Mode == mode)
            .Select(r => $"{r.Hash},{r.Quality},{Repository.Pdq(r.File)}");
        Assert.Equal(expected, result.OutputLines);
    }

    [Fact]
    public async Task Dihedral_prints_the_eight_reference_variants_then_quality_and_file()
    {
        var paths = s_rasterFiles.Select(Repository.Pdq).ToArray();

        var result = await LivewatchProcess.RunAsync(["hash", "--dihedral", .. paths]);

        Assert.Equal(0, result.ExitCode);
        var expected = ExpectedHashes.DihedralRows.Where(r => ExpectedHashes.IsRaster(r.File) && r.Mode == "core")
            .Select(r => $"{r.Hashes},{r.Quality},{Repository.Pdq(r.File)}");
        Assert.Equal(expected, result.OutputLines);
    }

    [Fact]
    public async Task A_missing_file_is_reported_and_the_others_are_still_hashed()
    {
        var good = Repository.Pdq("pnm/wee.pnm");
        var missing = Path.Combine(Path.GetTempPath(), $"livewatch-missing-{Guid.NewGuid():N}.jpg");

        var result = await LivewatchProcess.RunAsync("hash", missing, good);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal($"livewatch: {missing}: no such file\n", result.StandardError);
        var line = Assert.Single(result.OutputLines);
        Assert.EndsWith($",{good}", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_file_that_is_not_a_picture_is_rejected_with_the_reason()
    {
        var path = Path.Combine(Path.GetTempPath(), $"livewatch-not-a-picture-{Guid.NewGuid():N}.jpg");
        await File.WriteAllTextAsync(path, "this is text, not a JPEG\n");
        try
        {
            var result = await LivewatchProcess.RunAsync("hash", path);

            Assert.Equal(2, result.ExitCode);
            Assert.StartsWith($"livewatch: {path}: ", result.StandardError, StringComparison.Ordinal);
            Assert.Empty(result.OutputLines);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task Unknown_options_and_missing_files_argument_exit_2_with_usage_hint()
    {
        var unknown = await LivewatchProcess.RunAsync("hash", "--bogus", Repository.Pdq("pnm/wee.pnm"));
        var none = await LivewatchProcess.RunAsync("hash");
        var negative = await LivewatchProcess.RunAsync("hash", "--video", "--seconds-per-hash", "-1", "x.mp4");

        Assert.Equal(2, unknown.ExitCode);
        Assert.Contains("--bogus", unknown.StandardError, StringComparison.Ordinal);
        Assert.Contains("Try 'livewatch --help'.", unknown.StandardError, StringComparison.Ordinal);
        Assert.Equal(2, none.ExitCode);
        Assert.Equal(2, negative.ExitCode);
        Assert.Contains("--seconds-per-hash must be 0 or a positive number of seconds, got -1.", negative.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Help_lists_the_commands()
    {
        var result = await LivewatchProcess.RunAsync("--help");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("hash", result.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("match", result.StandardOutput, StringComparison.Ordinal);
    }
}
