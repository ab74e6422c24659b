using LiveWatch.Contracts.Ingest;
using LiveWatch.Hashing;

namespace LiveWatch.Grains.Tests.Cluster;

/// <summary>Benign generated pictures and frames for cluster tests.</summary>
internal static class Pictures
{
    /// <summary>A 64x64 luma canvas of smooth waves and noise; different seeds give unrelated hashes.</summary>
    public static byte[] Canvas(int seed)
    {
        var random = new Random(seed);
        var pixels = new byte[64 * 64];
        for (var y = 0; y < 64; y++)
        {
            for (var x = 0; x < 64; x++)
            {
                pixels[(y * 64) + x] = (byte)Math.Clamp(128 + (90 * Math.Sin((x / (4.0 + seed % 3)) + (y * y / 300.0))) + random.Next(-10, 10), 0, 255);
            }
        }

        return pixels;
    }

    public static SampledFrame Frame(long sequence, byte[] canvas) =>
        new(sequence, DateTimeOffset.UtcNow, sequence, FramePicture.Canvas(canvas));

    /// <summary>The hash with <paramref name="bits"/> bits flipped, spread over the lanes.</summary>
    public static Hash256 Flip(Hash256 hash, int bits)
    {
        var lanes = hash.Lanes.ToArray();
        for (var bit = 0; bit < bits; bit++)
        {
            var position = bit * 11 % 256;
            lanes[position >> 6] ^= 1UL << (position & 63);
        }

        return new Hash256(lanes[0], lanes[1], lanes[2], lanes[3]);
    }
}
