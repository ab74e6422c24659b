using LiveWatch.Contracts.Ingest;

namespace LiveWatch.Silo.Tests;

/// <summary>Benign generated pictures: 64x64 luma canvases as the ingest worker sends them.</summary>
internal static class TestPictures
{
    /// <summary>A diagonal gradient crossed by stripes whose spacing depends on <paramref name="variant"/>; distinct variants hash far apart.</summary>
    public static byte[] Pattern(int variant)
    {
        var pixels = new byte[64 * 64];
        for (var y = 0; y < 64; y++)
        {
            for (var x = 0; x < 64; x++)
            {
                var gradient = (x + y) * 2;
                var stripes = ((x * (variant + 2)) + (y * (variant + 1))) / 9 % 2 == 0 ? 60 : -60;
                pixels[(y * 64) + x] = (byte)Math.Clamp(gradient + stripes, 0, 255);
            }
        }

        return pixels;
    }

    public static SampledFrame Frame(long sequence, byte[] canvas) =>
        new(sequence, DateTimeOffset.UtcNow, sequence, FramePicture.Canvas(canvas));
}
