using LiveWatch.Hashing.Pdq;
using LiveWatch.Ingest.Tests.Publishers;
using LiveWatch.Sdk.Media;
using Xunit.Abstractions;

namespace LiveWatch.Ingest.Tests.Sampling;

/// <summary>
/// A picture shown in an H.264 stream and sampled by the live canvas path hashes within a few bits of the same
/// picture hashed from its file the way the rest of LiveWatch does (FfmpegPictureDecoder + PdqHasher).
/// </summary>
[Collection(FfmpegTests.Name)]
public sealed class CanvasDriftTests(ITestOutputHelper output)
{
    // Measured 8 bits on both fixtures (docs/ingest.md): area-averaged canvas vs PDQ's own Jarosz downsampling, plus
    // H.264 at crf 18. A broken path (wrong plane, shifted rows, pts row in the canvas) lands near 128.
    private const int MaxBits = 12;

    [Theory]
    [InlineData("bridge-mods/aaa-orig.jpg")]
    [InlineData("misc-images/small.jpg")]
    public async Task Canvas_hash_stays_within_a_few_bits_of_the_picture_hash(string fixture)
    {
        var picture = Path.Combine(RepositoryRoot(), "tests", "fixtures", "pdq", "images", fixture);
        var folder = Directory.CreateTempSubdirectory("lw-drift-");
        try
        {
            var video = Path.Combine(folder.FullName, "shown.mp4");
            await FfmpegPublisher.MakeAsync($"-loop 1 -i {picture} -t 3 -r 5 -vf scale=trunc(iw/2)*2:trunc(ih/2)*2 -c:v libx264 -preset medium -crf 18 -g 5 -pix_fmt yuv420p {video}");
            var decoded = await FfmpegPictureDecoder.DecodeAsync(picture);
            var reference = PdqHasher.Compute(decoded.Pixels, decoded.Width, decoded.Height, decoded.Format);
            await using var harness = new SupervisorHarness(new Uri(video).AbsoluteUri, o => o.AllowLocalFiles = true).Start();
            await harness.FinishedAsync();

            Assert.NotEmpty(harness.Received);
            var distances = harness.Received.Select(s => PdqHasher.Compute(s.Luma, 64, 64, PixelFormat.Gray8).Hash.DistanceTo(reference.Hash)).ToList();
            output.WriteLine($"{fixture}: distances {string.Join(", ", distances)}");
            Assert.All(distances, d => Assert.InRange(d, 0, MaxBits));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "LiveWatch.sln")))
            {
                return directory.FullName;
            }
        }

        throw new DirectoryNotFoundException("No LiveWatch.sln above the test binaries.");
    }
}
