using LiveWatch.Hashing.Pdq;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats.Png;
using SixLabors.ImageSharp.PixelFormats;
using SixLabors.ImageSharp.Processing;

namespace LiveWatch.Grains.Evidence;

/// <summary>
/// The only form of evidence shown by default: greyscale and heavily blurred, so a moderator sees that something is
/// there without being exposed to it. ImageSharp only encodes pixels LiveWatch produced here; it never decodes a file.
/// </summary>
public static class EvidenceThumbnail
{
    public const string ContentType = "image/png";

    public static byte[] Create(ReadOnlySpan<byte> pixels, int width, int height, PixelFormat format, int side, float blurSigma)
    {
        using var image = Load(pixels, width, height, format);
        var resize = new ResizeOptions { Size = new Size(side, side), Mode = ResizeMode.Max };
        var scale = (float)side / Math.Max(width, height);

        // A small frame (a 64x64 canvas) is blurred before it is enlarged, with the sigma scaled to match: the same
        // look at a sixth of the cost, which is paid on the way to every incident. A large one is reduced first.
        if (scale > 1)
        {
            image.Mutate(x => x.GaussianBlur(blurSigma / scale).Resize(resize));
        }
        else
        {
            image.Mutate(x => x.Resize(resize).GaussianBlur(blurSigma));
        }

        using var output = new MemoryStream();
        image.Save(output, new PngEncoder { CompressionLevel = PngCompressionLevel.BestSpeed });
        return output.ToArray();
    }

    private static Image<L8> Load(ReadOnlySpan<byte> pixels, int width, int height, PixelFormat format)
    {
        if (format == PixelFormat.Gray8)
        {
            return Image.LoadPixelData<L8>(pixels[..(width * height)], width, height);
        }

        // Colour frames: the reference's luma, so the thumbnail is grey like everything else we keep in the clear.
        var grey = new byte[width * height];
        var bytesPerPixel = format.BytesPerPixel();
        var (r, g, b) = format is PixelFormat.Bgr24 or PixelFormat.Bgra32 ? (2, 1, 0) : (0, 1, 2);
        for (var i = 0; i < grey.Length; i++)
        {
            var p = i * bytesPerPixel;
            grey[i] = (byte)Math.Clamp((0.299f * pixels[p + r]) + (0.587f * pixels[p + g]) + (0.114f * pixels[p + b]), 0, 255);
        }

        return Image.LoadPixelData<L8>(grey, width, height);
    }
}
