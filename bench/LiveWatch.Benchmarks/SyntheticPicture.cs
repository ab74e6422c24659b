namespace LiveWatch.Benchmarks;

/// <summary>Benign generated pictures for benchmarks: smooth gradients plus noise, so PDQ quality is realistic.</summary>
internal static class SyntheticPicture
{
    public static byte[] Rgb(int width, int height, int seed) => Make(width, height, 3, seed);

    public static byte[] Grey(int width, int height, int seed) => Make(width, height, 1, seed);

    private static byte[] Make(int width, int height, int channels, int seed)
    {
        var random = new Random(seed);
        var pixels = new byte[width * height * channels];
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                for (var c = 0; c < channels; c++)
                {
                    var smooth = (128 + (100 * Math.Sin((x * (c + 1) / 37.0) + (y / 23.0)))) + random.Next(-20, 21);
                    pixels[(((y * width) + x) * channels) + c] = (byte)Math.Clamp(smooth, 0, 255);
                }
            }
        }

        return pixels;
    }
}
