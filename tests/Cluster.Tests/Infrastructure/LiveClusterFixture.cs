using System.Text.Json.Nodes;
using LiveWatch.Hashing.Pdq;
using LiveWatch.Sdk.Media;

namespace LiveWatch.Cluster.Tests.Infrastructure;

/// <summary>
/// The cluster at the size issue 6 asks for: three silos (running no ingest themselves) and two stand-alone ingest
/// workers on Redis and PostgreSQL, with the bank also holding the PDQ hash of a benign test picture that the live
/// streams can show.
/// </summary>
public sealed class LiveClusterFixture : ClusterFixture
{
    /// <summary>The picture spliced into live streams (the stand-in for known material).</summary>
    public static readonly string Picture = Path.Combine(Repository.Root, "tests", "fixtures", "pdq", "images", "bridge-mods", "aaa-orig.jpg");

    protected override int SiloCount => 3;

    protected override int WorkerCount => 2;

    protected override void Configure(Dictionary<string, string> environment)
    {
        environment["LiveWatch__Ingest__Worker__Enabled"] = "false";
        // The streams are served by the test on 127.0.0.1, which the source policy refuses unless an operator allows it.
        environment["LiveWatch__Ingest__Sources__AllowedPrivateHosts__0"] = "127.0.0.1";
        environment["LiveWatch__Banks__PollInterval"] = "00:00:00.500";
    }

    /// <summary>The PDQ hash of <see cref="Picture"/>, computed the way <c>livewatch hash</c> does: ffmpeg decodes, PDQ hashes.</summary>
    public static async Task<string> PictureHashAsync()
    {
        var decoded = await FfmpegPictureDecoder.DecodeAsync(Picture);
        return PdqHasher.Compute(decoded.Pixels, decoded.Width, decoded.Height, decoded.Format).Hash.ToString();
    }

    private protected override async Task SeedAsync(SiloProcess first) =>
        await AdminPostAsync(first, $"/api/v1/admin/banks/{KnownBank}/entries", new JsonObject { ["hash"] = await PictureHashAsync() });
}
