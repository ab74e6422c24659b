using LiveWatch.Hashing;
using LiveWatch.Hashing.Pdq;

namespace LiveWatch.LoadTest;

/// <summary>
/// Benign synthetic 64x64 luma canvases, generated up front so the load loop only sends them: smoothed random noise
/// with a few random shapes and a little pixel noise. Every canvas kept has PDQ quality >= 50 and is more than 31 bits
/// from every other kept canvas under all 8 dihedral variants, so no frame is a near duplicate of another, and a
/// canvas planted in the bank matches its own frames only.
/// </summary>
public sealed class CanvasPool
{
    public const int Side = 64;
    private const int MinimumQuality = 50;
    private const int MinimumDistance = 32;

    private CanvasPool(List<byte[]> pixels, List<PdqDihedralHashes> hashes)
    {
        Pixels = pixels;
        Hashes = hashes;
    }

    /// <summary>Luma pixels of each canvas.</summary>
    public IReadOnlyList<byte[]> Pixels { get; }

    /// <summary>The 8 dihedral PDQ hashes of each canvas (index 0: as is).</summary>
    public IReadOnlyList<PdqDihedralHashes> Hashes { get; }

    public int Count => Pixels.Count;

    public static CanvasPool Generate(int count, int seed)
    {
        var random = new Random(seed);
        var pixels = new List<byte[]>(count);
        var hashes = new List<PdqDihedralHashes>(count);
        var attempts = 0;
        while (pixels.Count < count)
        {
            if (++attempts > count * 20)
            {
                throw new InvalidOperationException($"Only {pixels.Count} of {count} canvases were distinct enough after {attempts} attempts.");
            }

            var canvas = Draw(random);
            var dihedral = PdqHasher.ComputeDihedral(canvas, Side, Side, PixelFormat.Gray8);
            if (dihedral.Quality < MinimumQuality || IsNearAny(dihedral, hashes))
            {
                continue;
            }

            pixels.Add(canvas);
            hashes.Add(dihedral);
        }

        return new CanvasPool(pixels, hashes);
    }

    // Either way round: this canvas's variants against the others as they are, and the other way.
    private static bool IsNearAny(PdqDihedralHashes candidate, List<PdqDihedralHashes> kept)
    {
        var original = candidate.AsSpan()[0];
        foreach (var other in kept)
        {
            var otherOriginal = other.AsSpan()[0];
            for (var v = 0; v < 8; v++)
            {
                if (candidate.AsSpan()[v].DistanceTo(otherOriginal) < MinimumDistance || other.AsSpan()[v].DistanceTo(original) < MinimumDistance)
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static byte[] Draw(Random random)
    {
        var values = new float[Side * Side];

        // Smoothed noise: a coarse random grid, bilinearly interpolated.
        var cells = 3 + random.Next(10);
        var grid = new float[(cells + 1) * (cells + 1)];
        for (var i = 0; i < grid.Length; i++)
        {
            grid[i] = random.NextSingle() * 255;
        }

        for (var y = 0; y < Side; y++)
        {
            var gy = (float)y * cells / Side;
            var y0 = (int)gy;
            var fy = gy - y0;
            for (var x = 0; x < Side; x++)
            {
                var gx = (float)x * cells / Side;
                var x0 = (int)gx;
                var fx = gx - x0;
                var top = (grid[(y0 * (cells + 1)) + x0] * (1 - fx)) + (grid[(y0 * (cells + 1)) + x0 + 1] * fx);
                var bottom = (grid[((y0 + 1) * (cells + 1)) + x0] * (1 - fx)) + (grid[((y0 + 1) * (cells + 1)) + x0 + 1] * fx);
                values[(y * Side) + x] = (top * (1 - fy)) + (bottom * fy);
            }
        }

        // A few shapes with hard edges: discs and rectangles.
        var shapes = 1 + random.Next(4);
        for (var s = 0; s < shapes; s++)
        {
            var cx = random.Next(Side);
            var cy = random.Next(Side);
            var size = 4 + random.Next(20);
            var shade = random.NextSingle() * 255;
            var disc = random.Next(2) == 0;
            for (var y = Math.Max(0, cy - size); y < Math.Min(Side, cy + size); y++)
            {
                for (var x = Math.Max(0, cx - size); x < Math.Min(Side, cx + size); x++)
                {
                    if (!disc || ((x - cx) * (x - cx)) + ((y - cy) * (y - cy)) <= size * size)
                    {
                        values[(y * Side) + x] = shade;
                    }
                }
            }
        }

        var canvas = new byte[Side * Side];
        for (var i = 0; i < canvas.Length; i++)
        {
            canvas[i] = (byte)Math.Clamp(values[i] + random.Next(-6, 7), 0, 255);
        }

        return canvas;
    }
}
