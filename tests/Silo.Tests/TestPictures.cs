using LiveWatch.Contracts.Ingest;
using LiveWatch.Hashing;
using LiveWatch.Hashing.Pdq;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace LiveWatch.Silo.Tests;

/// <summary>
/// Benign pictures the tests draw themselves, with the PDQ hash of their pixels: 64x64 luma canvases as ingest workers
/// send them, and PNG pictures as platforms push them (PNG is lossless, so what ffmpeg decodes hashes the same).
/// </summary>
internal static class TestPictures
{
    /// <summary>A 64x64 canvas of 8x8 random blocks: high quality, and distinct seeds hash far apart.</summary>
    public static (byte[] Luma, Hash256 Hash) Canvas(int seed)
    {
        var random = new Random(seed);
        var blocks = new byte[64];
        random.NextBytes(blocks);
        var luma = new byte[64 * 64];
        for (var y = 0; y < 64; y++)
        {
            for (var x = 0; x < 64; x++)
            {
                luma[(y * 64) + x] = blocks[((y / 8) * 8) + (x / 8)];
            }
        }

        return (luma, PdqHasher.Compute(luma, 64, 64, PixelFormat.Gray8).Hash);
    }

    public static SampledFrame Frame(long sequence, byte[] canvas) =>
        new(sequence, DateTimeOffset.UtcNow, sequence, FramePicture.Canvas(canvas));

    /// <summary>A colour picture of stripes and blobs, encoded as PNG.</summary>
    public static (byte[] Png, Hash256 Hash) Png(int seed, int width = 160, int height = 120)
    {
        var rgb = Rgb(seed, width, height);
        using var image = Image.LoadPixelData<Rgb24>(rgb, width, height);
        using var png = new MemoryStream();
        image.SaveAsPng(png);
        return (png.ToArray(), PdqHasher.Compute(rgb, width, height, PixelFormat.Rgb24).Hash);
    }

    private static byte[] Rgb(int seed, int width, int height)
    {
        var random = new Random(seed);
        var pixels = new byte[width * height * 3];
        var blobs = Enumerable.Range(0, 6).Select(_ => (X: random.Next(width), Y: random.Next(height), R: 10 + random.Next(40), C: random.Next(256))).ToArray();
        var stripe = 4 + random.Next(12);
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                var v = ((x + (y / 2)) / stripe % 2 == 0) ? 60 : 190;
                foreach (var b in blobs)
                {
                    if (((x - b.X) * (x - b.X)) + ((y - b.Y) * (y - b.Y)) < b.R * b.R)
                    {
                        v = b.C;
                    }
                }

                var i = ((y * width) + x) * 3;
                pixels[i] = (byte)v;
                pixels[i + 1] = (byte)((v + (x * 2)) & 0xFF);
                pixels[i + 2] = (byte)(255 - v);
            }
        }

        return pixels;
    }
}
