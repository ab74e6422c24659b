using System.Buffers;
using System.Runtime.Intrinsics;

namespace LiveWatch.Hashing.Pdq;

/// <summary>
/// Computes PDQ hashes bit-exactly as Meta's reference does from the same pixels (see docs/pdq.md). Thread-safe and
/// allocation-free in steady state: 64x64 work happens on the stack, full-resolution buffers come from the shared
/// array pool.
/// </summary>
public static class PdqHasher
{
    /// <summary>Pictures smaller than this on either side hash to all zeros with quality 0, as in the reference.</summary>
    public const int MinimumDimension = 5;

    /// <summary>The side to which <see cref="PdqMode.Cli512"/> resizes larger pictures.</summary>
    public const int CliResizeDimension = 512;

    private const int Canvas = 64;
    private const int CanvasArea = Canvas * Canvas;
    private const int CoefficientCount = PdqDct.Size * PdqDct.Size;

    /// <summary>Hashes a picture given as tightly packed 8-bit pixels.</summary>
    /// <exception cref="ArgumentException">The buffer is smaller than width x height pixels of the format.</exception>
    public static PdqHash Compute(ReadOnlySpan<byte> pixels, int width, int height, PixelFormat format, PdqMode mode = PdqMode.Core)
    {
        Validate(pixels, width, height, format);
        if (RequiresCliResize(width, height, mode))
        {
            return WithCliResize(pixels, width, height, format, static (resized, w, h, f) => Compute(resized, w, h, f));
        }

        if (width < MinimumDimension || height < MinimumDimension)
        {
            return new PdqHash(Hash256.Zero, 0);
        }

        Span<float> canvas = stackalloc float[CanvasArea];
        if (width == Canvas && height == Canvas)
        {
            // The reference hashes an exactly 64x64 picture as it is, without the blur.
            LumaConverter.Convert(pixels, format, canvas);
        }
        else
        {
            DownsampleToCanvas(pixels, width, height, format, canvas);
        }

        return HashCanvas(canvas);
    }

    /// <summary>Hashes a picture given as float luma, one value per pixel (e.g. a 64x64 canvas from ingest).</summary>
    public static PdqHash ComputeFromLuma(ReadOnlySpan<float> luma, int width, int height)
    {
        ValidateLuma(luma, width, height);
        if (width < MinimumDimension || height < MinimumDimension)
        {
            return new PdqHash(Hash256.Zero, 0);
        }

        Span<float> canvas = stackalloc float[CanvasArea];
        if (width == Canvas && height == Canvas)
        {
            luma[..CanvasArea].CopyTo(canvas);
        }
        else
        {
            DownsampleLumaToCanvas(luma, width, height, canvas);
        }

        return HashCanvas(canvas);
    }

    /// <summary>Computes the hashes of all eight rotations and mirror images of a picture in one go.</summary>
    public static PdqDihedralHashes ComputeDihedral(ReadOnlySpan<byte> pixels, int width, int height, PixelFormat format, PdqMode mode = PdqMode.Core)
    {
        Validate(pixels, width, height, format);
        if (RequiresCliResize(width, height, mode))
        {
            return WithCliResize(pixels, width, height, format, static (resized, w, h, f) => ComputeDihedral(resized, w, h, f));
        }

        if (width < MinimumDimension || height < MinimumDimension)
        {
            return new PdqDihedralHashes(stackalloc Hash256[8], 0);
        }

        // Unlike the single hash, the reference's dihedral path always filters, even at 64x64.
        Span<float> canvas = stackalloc float[CanvasArea];
        DownsampleToCanvas(pixels, width, height, format, canvas);
        return HashCanvasDihedral(canvas);
    }

    /// <summary>Computes the eight dihedral hashes from float luma.</summary>
    public static PdqDihedralHashes ComputeDihedralFromLuma(ReadOnlySpan<float> luma, int width, int height)
    {
        ValidateLuma(luma, width, height);
        if (width < MinimumDimension || height < MinimumDimension)
        {
            return new PdqDihedralHashes(stackalloc Hash256[8], 0);
        }

        Span<float> canvas = stackalloc float[CanvasArea];
        DownsampleLumaToCanvas(luma, width, height, canvas);
        return HashCanvasDihedral(canvas);
    }

    private static bool RequiresCliResize(int width, int height, PdqMode mode) =>
        mode == PdqMode.Cli512 && (width > CliResizeDimension || height > CliResizeDimension);

    private delegate T HashResized<T>(ReadOnlySpan<byte> pixels, int width, int height, PixelFormat format);

    private static T WithCliResize<T>(ReadOnlySpan<byte> pixels, int width, int height, PixelFormat format, HashResized<T> hash)
    {
        var bytesPerPixel = format.BytesPerPixel();
        var length = CliResizeDimension * CliResizeDimension * bytesPerPixel;
        var resized = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            NearestNeighbourResizer.Resize(pixels, width, height, bytesPerPixel, resized.AsSpan(0, length), CliResizeDimension, CliResizeDimension);
            return hash(resized.AsSpan(0, length), CliResizeDimension, CliResizeDimension, format);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(resized);
        }
    }

    private static void DownsampleToCanvas(ReadOnlySpan<byte> pixels, int width, int height, PixelFormat format, Span<float> canvas)
    {
        if (width == Canvas && height == Canvas && FilterIsIdentity(format, width, height))
        {
            // A grey 64x64 canvas (every sampled stream frame): filter and decimation both leave it as it is.
            LumaConverter.Convert(pixels, format, canvas);
            return;
        }

        var area = width * height;
        var luma = ArrayPool<float>.Shared.Rent(area);
        var scratch = ArrayPool<float>.Shared.Rent(area);
        try
        {
            LumaConverter.Convert(pixels, format, luma.AsSpan(0, area));
            if (FilterIsIdentity(format, width, height))
            {
                JaroszFilter.Decimate(luma.AsSpan(0, area), height, width, canvas);
            }
            else
            {
                JaroszFilter.Downsample(luma.AsSpan(0, area), scratch.AsSpan(0, area), height, width, canvas);
            }
        }
        finally
        {
            ArrayPool<float>.Shared.Return(luma);
            ArrayPool<float>.Shared.Return(scratch);
        }
    }

    /// <summary>
    /// Grey pixels are whole numbers, and over whole numbers a box window of 1 (sides up to 128) is exact: the running
    /// sum gives back each value ((x0 + x1) - x0 = x1, divided by 1), so the four passes leave the picture unchanged and
    /// only the decimation remains. Skipping them saves ~13 us on the 64x64 canvas the dihedral path always filters.
    /// </summary>
    internal static bool FilterIsIdentity(PixelFormat format, int width, int height) =>
        format == PixelFormat.Gray8 && JaroszFilter.WindowSize(width) == 1 && JaroszFilter.WindowSize(height) == 1;

    private static void DownsampleLumaToCanvas(ReadOnlySpan<float> source, int width, int height, Span<float> canvas)
    {
        var area = width * height;
        var luma = ArrayPool<float>.Shared.Rent(area);
        var scratch = ArrayPool<float>.Shared.Rent(area);
        try
        {
            source[..area].CopyTo(luma);
            JaroszFilter.Downsample(luma.AsSpan(0, area), scratch.AsSpan(0, area), height, width, canvas);
        }
        finally
        {
            ArrayPool<float>.Shared.Return(luma);
            ArrayPool<float>.Shared.Return(scratch);
        }
    }

    private static PdqHash HashCanvas(ReadOnlySpan<float> canvas)
    {
        var quality = PdqQuality.Compute(canvas);
        Span<float> coefficients = stackalloc float[CoefficientCount];
        PdqDct.Compute(canvas, coefficients);
        return new PdqHash(Threshold(coefficients), quality);
    }

    private static PdqDihedralHashes HashCanvasDihedral(ReadOnlySpan<float> canvas)
    {
        var quality = PdqQuality.Compute(canvas);
        Span<float> coefficients = stackalloc float[CoefficientCount];
        PdqDct.Compute(canvas, coefficients);
        Span<Hash256> hashes = stackalloc Hash256[8];
        Span<float> variant = stackalloc float[CoefficientCount];

        // Four medians and thresholds; the transposing variants hold the same values at transposed positions, so their
        // hashes are these hashes' bits transposed (DihedralTransform's remarks).
        foreach (var inPlace in DihedralTransform.InPlace)
        {
            DihedralTransform.FlipSigns(inPlace, coefficients, variant);
            var hash = Threshold(variant, Median.Lower(variant));
            hashes[(int)inPlace] = hash;
            hashes[(int)DihedralTransform.Transposed(inPlace)] = DihedralTransform.TransposeBits(hash);
        }

        return new PdqDihedralHashes(hashes, quality);
    }

    /// <summary>Bit k = i*16 + j is set iff B[i][j] is strictly greater than the lower median of all 256 values.</summary>
    internal static Hash256 Threshold(ReadOnlySpan<float> coefficients) => Threshold(coefficients, Median.Lower(coefficients));

    // Eight comparisons at a time, their sign bits gathered into the hash: a branch per coefficient on whether it
    // beats the median is a coin toss on real pictures, and mispredicting half of 8 x 256 of them cost microseconds.
    private static Hash256 Threshold(ReadOnlySpan<float> coefficients, float median)
    {
        Span<ulong> lanes = stackalloc ulong[4];
        var threshold = Vector256.Create(median);
        for (var k = 0; k < CoefficientCount; k += 8)
        {
            var above = Vector256.GreaterThan(Vector256.Create(coefficients.Slice(k, 8)), threshold);
            lanes[k >> 6] |= (ulong)above.ExtractMostSignificantBits() << (k & 63);
        }

        return new Hash256(lanes[0], lanes[1], lanes[2], lanes[3]);
    }

    private static void Validate(ReadOnlySpan<byte> pixels, int width, int height, PixelFormat format)
    {
        ValidateDimensions(width, height);
        var needed = (long)width * height * format.BytesPerPixel();
        if (pixels.Length < needed)
        {
            throw new ArgumentException(
                $"A {width}x{height} {format} picture needs {needed} bytes, but the buffer has {pixels.Length}.", nameof(pixels));
        }
    }

    private static void ValidateLuma(ReadOnlySpan<float> luma, int width, int height)
    {
        ValidateDimensions(width, height);
        if (luma.Length < (long)width * height)
        {
            throw new ArgumentException(
                $"A {width}x{height} luma picture needs {(long)width * height} values, but the buffer has {luma.Length}.", nameof(luma));
        }
    }

    private static void ValidateDimensions(int width, int height)
    {
        if (width <= 0 || height <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(width), $"Picture dimensions must be positive, got {width}x{height}.");
        }

        // Pooled float buffers are indexed with int; far beyond any real frame anyway.
        if ((long)width * height > 1 << 28)
        {
            throw new ArgumentOutOfRangeException(nameof(width), $"A {width}x{height} picture is too large to hash (limit 2^28 pixels).");
        }
    }
}
