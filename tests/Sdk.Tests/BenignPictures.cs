using LiveWatch.Hashing.Pdq;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace LiveWatch.Sdk.Tests;

/// <summary>Benign pictures the tests draw themselves, with the PDQ hash of their pixels.</summary>
internal static class BenignPictures
{
    /// <summary>A 64x64 luma canvas of 16x16 tiles of random grey levels: distinct seeds hash far apart.</summary>
    public static (byte[] Luma, PdqHash Pdq) Canvas(int seed)
    {
        var random = new Random(seed);
        var tiles = new byte[16];
        random.NextBytes(tiles);
        var luma = new byte[64 * 64];
        for (var i = 0; i < luma.Length; i++)
        {
            var (y, x) = Math.DivRem(i, 64);
            luma[i] = tiles[((y / 16) * 4) + (x / 16)];
        }

        return (luma, PdqHasher.Compute(luma, 64, 64, PixelFormat.Gray8));
    }

    /// <summary>A PNG file of diagonal colour bands and a disc (lossless, so a decoder sees exactly these pixels), with their hash.</summary>
    public static async Task<PdqHash> WritePngAsync(string path, int seed)
    {
        const int Width = 200;
        const int Height = 150;
        var random = new Random(seed);
        var (cx, cy, radius, band) = (random.Next(Width), random.Next(Height), 20 + random.Next(30), 6 + random.Next(10));
        var rgb = new byte[Width * Height * 3];
        for (var y = 0; y < Height; y++)
        {
            for (var x = 0; x < Width; x++)
            {
                var inDisc = ((x - cx) * (x - cx)) + ((y - cy) * (y - cy)) < radius * radius;
                var level = inDisc ? 240 : ((x + y) / band % 2 == 0 ? 40 : 170);
                var p = ((y * Width) + x) * 3;
                (rgb[p], rgb[p + 1], rgb[p + 2]) = ((byte)level, (byte)(level / 2), (byte)(255 - level));
            }
        }

        using var image = Image.LoadPixelData<Rgb24>(rgb, Width, Height);
        await image.SaveAsPngAsync(path);
        return PdqHasher.Compute(rgb, Width, Height, PixelFormat.Rgb24);
    }
}
