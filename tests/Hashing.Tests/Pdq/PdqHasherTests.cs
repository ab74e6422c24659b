using CsCheck;
using LiveWatch.Hashing.Pdq;

namespace LiveWatch.Hashing.Tests.Pdq;

public sealed class PdqHasherTests
{
    [Theory]
    [InlineData(4, 9)]
    [InlineData(9, 4)]
    [InlineData(1, 1)]
    public void Pictures_below_5x5_hash_to_zero_with_quality_zero(int width, int height)
    {
        var pixels = new byte[width * height * 3];
        Random.Shared.NextBytes(pixels);

        var single = PdqHasher.Compute(pixels, width, height, PixelFormat.Rgb24);
        var dihedral = PdqHasher.ComputeDihedral(pixels, width, height, PixelFormat.Rgb24);

        Assert.Equal(new PdqHash(Hash256.Zero, 0), single);
        Assert.Equal(0, dihedral.Quality);
        Assert.All(dihedral.AsSpan().ToArray(), h => Assert.Equal(Hash256.Zero, h));
    }

    [Fact]
    public void Channel_orders_and_alpha_give_the_same_hash()
    {
        var image = PnmImage.Load(Fixtures.Pdq("pnm/wee.pnm"));
        var area = image.Width * image.Height;
        var bgr = new byte[area * 3];
        var rgba = new byte[area * 4];
        var bgra = new byte[area * 4];
        for (var i = 0; i < area; i++)
        {
            byte r = image.Pixels[i * 3], g = image.Pixels[(i * 3) + 1], b = image.Pixels[(i * 3) + 2];
            bgr[i * 3] = b; bgr[(i * 3) + 1] = g; bgr[(i * 3) + 2] = r;
            rgba[i * 4] = r; rgba[(i * 4) + 1] = g; rgba[(i * 4) + 2] = b; rgba[(i * 4) + 3] = (byte)(i * 7);
            bgra[i * 4] = b; bgra[(i * 4) + 1] = g; bgra[(i * 4) + 2] = r; bgra[(i * 4) + 3] = (byte)(i * 13);
        }

        var expected = PdqHasher.Compute(image.Pixels, image.Width, image.Height, PixelFormat.Rgb24);

        Assert.Equal(expected, PdqHasher.Compute(bgr, image.Width, image.Height, PixelFormat.Bgr24));
        Assert.Equal(expected, PdqHasher.Compute(rgba, image.Width, image.Height, PixelFormat.Rgba32));
        Assert.Equal(expected, PdqHasher.Compute(bgra, image.Width, image.Height, PixelFormat.Bgra32));
    }

    [Fact]
    public void Float_luma_entry_points_equal_the_grey_pixel_ones()
    {
        var image = PnmImage.Load(Fixtures.Pdq("pnm/small.pnm"));
        var luma = image.Pixels.Select(p => (float)p).ToArray();

        Assert.Equal(
            PdqHasher.Compute(image.Pixels, image.Width, image.Height, PixelFormat.Gray8),
            PdqHasher.ComputeFromLuma(luma, image.Width, image.Height));
        Assert.Equal(
            PdqHasher.ComputeDihedral(image.Pixels, image.Width, image.Height, PixelFormat.Gray8),
            PdqHasher.ComputeDihedralFromLuma(luma, image.Width, image.Height));
    }

    [Fact]
    public void Too_small_buffers_are_rejected_with_the_sizes()
    {
        var error = Assert.Throws<ArgumentException>(() => PdqHasher.Compute(new byte[10], 10, 10, PixelFormat.Rgb24));

        Assert.StartsWith("A 10x10 Rgb24 picture needs 300 bytes, but the buffer has 10.", error.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => PdqHasher.Compute(new byte[10], 0, 10, PixelFormat.Gray8));
    }

    [Fact]
    public void Vector_and_scalar_box_filters_agree_bit_for_bit() =>
        Gen.Select(Gen.Int[5, 300], Gen.Int[5, 300], Gen.Int[0, int.MaxValue]).Sample((rows, cols, seed) =>
        {
            var random = new Random(seed);
            var input = new float[rows * cols];
            for (var i = 0; i < input.Length; i++)
            {
                input[i] = (float)(random.NextDouble() * 255);
            }

            var window = JaroszFilter.WindowSize(cols) + random.Next(0, 4);
            window = Math.Min(window, Math.Min(rows, cols));
            var fast = new float[input.Length];
            var slow = new float[input.Length];
            JaroszFilter.BoxAlongRows(input, fast, rows, cols, window);
            for (var r = 0; r < rows; r++)
            {
                JaroszFilter.Box1D(input, slow, r * cols, cols, 1, window);
            }

            Assert.Equal(slow, fast);

            JaroszFilter.BoxAlongColumns(input, fast, rows, cols, window);
            for (var c = 0; c < cols; c++)
            {
                JaroszFilter.Box1D(input, slow, c, rows, cols, window);
            }

            Assert.Equal(slow, fast);
        }, iter: 60);

    [Fact]
    public void Vector_and_scalar_dct_agree_bit_for_bit() =>
        Gen.Float[0f, 255f].Array[64 * 64].Sample(canvas =>
        {
            var tFast = new float[16 * 64];
            var tSlow = new float[16 * 64];
            var bFast = new float[256];
            var bSlow = new float[256];

            PdqDct.LeftProductVector(canvas, tFast);
            PdqDct.LeftProductScalar(canvas, tSlow);
            PdqDct.RightProductVector(tSlow, bFast);
            PdqDct.RightProductScalar(tSlow, bSlow);

            Assert.Equal(tSlow, tFast);
            Assert.Equal(bSlow, bFast);
        }, iter: 40);

    [Fact]
    public void Threshold_sets_bits_strictly_above_the_lower_median()
    {
        var coefficients = Enumerable.Range(0, 256).Select(i => (float)i).ToArray();

        var hash = PdqHasher.Threshold(coefficients);

        // Lower median is 127: values 128..255 set, i.e. words 8..15 all ones.
        Assert.Equal(128, hash.PopCount);
        Assert.Equal("ffffffffffffffffffffffffffffffff00000000000000000000000000000000", hash.ToString());
    }

    [Fact]
    public void Quickselect_median_equals_the_sorted_lower_median() =>
        Gen.Select(Gen.Int[1, 300], Gen.Int[1, 40], Gen.Int[0, int.MaxValue]).Sample((length, distinct, seed) =>
        {
            // Few distinct values exercise runs of equal keys (and -0 next to 0), the partition's hard cases.
            var random = new Random(seed);
            var values = new float[length];
            for (var i = 0; i < length; i++)
            {
                values[i] = random.Next(distinct) - (distinct / 2) + (random.Next(2) == 0 ? 0f : -0f);
            }

            var sorted = values.Order().ToArray();

            Assert.Equal(sorted[(length - 1) / 2], Median.Lower(values));
        }, iter: 500);

    [Fact]
    public void Bitwise_selection_finds_every_rank_of_256_coefficients() =>
        Gen.Select(Gen.Int[1, 256], Gen.Int[0, int.MaxValue]).Sample((distinct, seed) =>
        {
            // DCT-like magnitudes of both signs, with repeats, zeros of both signs and extremes.
            var random = new Random(seed);
            var pool = Enumerable.Range(0, distinct)
                .Select(_ => (float)((random.NextDouble() - 0.5) * Math.Pow(10, random.Next(-6, 7))))
                .Concat([0f, -0f, float.MaxValue, float.MinValue, float.Epsilon, -float.Epsilon])
                .ToArray();
            var values = Enumerable.Range(0, 256).Select(_ => pool[random.Next(pool.Length)]).ToArray();
            var sorted = values.Order().ToArray();
            for (var k = 0; k < 256; k++)
            {
                Assert.Equal(sorted[k], Median.SelectByBits(values, k));
            }
        }, iter: 200);

    [Fact]
    public void Dihedral_hashes_equal_thresholding_each_variant_at_its_own_sorted_median() =>
        Gen.Int[0, int.MaxValue].Sample(seed =>
        {
            var random = new Random(seed);
            var pixels = new byte[64 * 64];
            random.NextBytes(pixels);
            var luma = pixels.Select(p => (float)p).ToArray();
            var canvas = new float[64 * 64];
            JaroszFilter.Downsample(luma.ToArray(), new float[64 * 64], 64, 64, canvas);
            var coefficients = new float[256];
            PdqDct.Compute(canvas, coefficients);

            var result = PdqHasher.ComputeDihedral(pixels, 64, 64, PixelFormat.Gray8);

            var variant = new float[256];
            for (var v = 0; v < 8; v++)
            {
                DihedralTransform.Apply((Dihedral)v, coefficients, variant);
                var median = variant.Order().ToArray()[127];
                var lanes = new ulong[4];
                for (var k = 0; k < 256; k++)
                {
                    lanes[k >> 6] |= variant[k] > median ? 1UL << (k & 63) : 0;
                }

                Assert.Equal(new Hash256(lanes[0], lanes[1], lanes[2], lanes[3]), result[(Dihedral)v]);
            }
        }, iter: 100);

    [Fact]
    public void Sign_flips_and_bit_transposes_give_the_defined_variants() =>
        Gen.Int[0, int.MaxValue].Sample(seed =>
        {
            var random = new Random(seed);
            var coefficients = Enumerable.Range(0, 256).Select(_ => (float)((random.NextDouble() * 2) - 1)).ToArray();
            var defined = new float[256];
            var flipped = new float[256];
            foreach (var inPlace in DihedralTransform.InPlace.ToArray())
            {
                DihedralTransform.Apply(inPlace, coefficients, defined);
                DihedralTransform.FlipSigns(inPlace, coefficients, flipped);
                Assert.Equal(defined, flipped);

                var transposed = DihedralTransform.Transposed(inPlace);
                DihedralTransform.Apply(transposed, coefficients, defined);
                var expected = new ushort[16];
                var hash = PdqHasher.Threshold(flipped);
                for (var i = 0; i < 16; i++)
                {
                    for (var j = 0; j < 16; j++)
                    {
                        expected[i] |= (ushort)(hash.GetBit((j * 16) + i) ? 1 << j : 0);
                    }
                }

                Assert.Equal(Hash256.FromWords(expected), DihedralTransform.TransposeBits(hash));
                Assert.Equal(PdqHasher.Threshold(defined), DihedralTransform.TransposeBits(hash));
            }
        }, iter: 200);

    [Fact]
    public void Vector_quality_equals_the_scalar_definition() =>
        Gen.Select(Gen.Int[0, int.MaxValue], Gen.Int[1, 255]).Sample((seed, amplitude) =>
        {
            var random = new Random(seed);
            var buffer = new float[64 * 64];
            for (var i = 0; i < buffer.Length; i++)
            {
                buffer[i] = (float)(random.NextDouble() * amplitude);
            }

            var gradientSum = 0;
            for (var i = 0; i < 63; i++)
            {
                for (var j = 0; j < 64; j++)
                {
                    gradientSum += Math.Abs((int)((buffer[(i * 64) + j] - buffer[((i + 1) * 64) + j]) * 100 / 255));
                }
            }

            for (var i = 0; i < 64; i++)
            {
                for (var j = 0; j < 63; j++)
                {
                    gradientSum += Math.Abs((int)((buffer[(i * 64) + j] - buffer[(i * 64) + j + 1]) * 100 / 255));
                }
            }

            Assert.Equal(gradientSum, PdqQuality.GradientSum(buffer)); // uncapped: most random buffers score 100
            Assert.Equal(Math.Min(gradientSum / 90, 100), PdqQuality.Compute(buffer));
        }, iter: 300);

    [Fact]
    public void The_box_filter_leaves_small_grey_pictures_unchanged_so_decimating_alone_is_exact() =>
        Gen.Select(Gen.Int[5, 128], Gen.Int[5, 128], Gen.Int[0, int.MaxValue]).Sample((rows, cols, seed) =>
        {
            var random = new Random(seed);
            var luma = new float[rows * cols];
            for (var i = 0; i < luma.Length; i++)
            {
                luma[i] = random.Next(256);
            }

            var filtered = new float[64 * 64];
            var decimated = new float[64 * 64];
            JaroszFilter.Decimate(luma, rows, cols, decimated);
            JaroszFilter.Downsample(luma, new float[luma.Length], rows, cols, filtered);

            Assert.True(PdqHasher.FilterIsIdentity(PixelFormat.Gray8, cols, rows));
            Assert.Equal(filtered, decimated);
        }, iter: 200);
}
