namespace LiveWatch.Cli.Tests;

/// <summary>
/// JPEG/PNG vectors decoded by ffmpeg. 25 of the 30 are bit-exact with the reference (decoded by libjpeg-turbo); the
/// other five differ by a few bits because ffmpeg's JPEG decoder is not libjpeg's (docs/pdq.md explains each).
/// </summary>
public sealed class PictureDecodingTests
{
    // Measured with ffmpeg 5.1 and the decoder settings in FfmpegMedia; distance to the reference core hash.
    private static readonly Dictionary<string, int> s_knownDrift = new(StringComparer.Ordinal)
    {
        ["images/labelme-subset/q0003.jpg"] = 12, // quality 3: never matched
        ["images/labelme-subset/q0004.jpg"] = 2,  // quality 4: never matched
        ["images/labelme-subset/q0122.jpg"] = 4,
        ["images/misc-images/wee.jpg"] = 2,
        ["images/pytx-resources/rgb.jpeg"] = 2,
    };

    [Fact]
    public async Task Jpeg_and_png_vectors_decoded_by_ffmpeg_match_the_reference_except_the_documented_drift()
    {
        var rows = ExpectedHashes.Rows.Where(r => !ExpectedHashes.IsRaster(r.File) && r.Mode == "core").ToArray();

        var result = await LivewatchProcess.RunAsync(["hash", .. rows.Select(r => Repository.Pdq(r.File))]);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(30, rows.Length);
        var lines = result.OutputLines;
        Assert.Equal(rows.Length, lines.Length);
        for (var i = 0; i < rows.Length; i++)
        {
            var fields = lines[i].Split(',');
            var distance = Distance(fields[0], rows[i].Hash);
            Assert.True(
                distance == s_knownDrift.GetValueOrDefault(rows[i].File),
                $"{rows[i].File}: distance {distance} to the reference, documented {s_knownDrift.GetValueOrDefault(rows[i].File)}");
            Assert.Equal(rows[i].Quality.ToString(System.Globalization.CultureInfo.InvariantCulture), fields[1]);
        }
    }

    [Fact]
    public async Task Grey_pictures_are_hashed_as_grey()
    {
        // small.jpg is a grey JPEG and LA.png grey+alpha: both must take the reference's grey path (bit-exact).
        var result = await LivewatchProcess.RunAsync("hash", Repository.Pdq("images/misc-images/small.jpg"), Repository.Pdq("images/pytx-resources/LA.png"));

        Assert.Equal(0, result.ExitCode);
        Assert.StartsWith(ExpectedHashes.Rows.Single(r => r.File == "images/misc-images/small.jpg" && r.Mode == "core").Hash, result.OutputLines[0], StringComparison.Ordinal);
        Assert.StartsWith(ExpectedHashes.Rows.Single(r => r.File == "images/pytx-resources/LA.png" && r.Mode == "core").Hash, result.OutputLines[1], StringComparison.Ordinal);
    }

    private static int Distance(string a, string b) =>
        Convert.FromHexString(a).Zip(Convert.FromHexString(b), (x, y) => System.Numerics.BitOperations.PopCount((uint)(x ^ y))).Sum();
}
