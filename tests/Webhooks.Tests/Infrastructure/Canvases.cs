using LiveWatch.Hashing;
using LiveWatch.Hashing.Pdq;

namespace LiveWatch.Webhooks.Tests.Infrastructure;

/// <summary>Benign 64x64 luma canvases of random 8x8 blocks (as ingest workers send them) with their PDQ hash.</summary>
internal static class Canvases
{
    public static (byte[] Luma, Hash256 Hash) Make(int seed)
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
}
