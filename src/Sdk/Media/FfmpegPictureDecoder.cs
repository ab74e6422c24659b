using FFMpegCore;
using FFMpegCore.Exceptions;
using LiveWatch.Hashing.Pdq;

namespace LiveWatch.Sdk.Media;

/// <summary>
/// Decodes a picture file (JPEG, PNG, PNM, WebP, ... anything ffmpeg reads) to raw 8-bit RGB, or grey for grey
/// pictures, in an ffmpeg child process.
/// </summary>
public static class FfmpegPictureDecoder
{
    /// <summary>The largest picture accepted (pixels); larger ones are refused before decoding.</summary>
    public const long MaxPixels = 1L << 27;

    /// <exception cref="MediaDecodeException">The file is missing, not a picture, or ffmpeg failed.</exception>
    public static Task<DecodedPicture> DecodeAsync(string path, CancellationToken cancellationToken = default) =>
        DecodeAsync(path, int.MaxValue, cancellationToken);

    /// <summary>Decodes a picture whose sides are at most <paramref name="maxSide"/>; larger ones are refused before decoding.</summary>
    /// <exception cref="MediaDecodeException">The file is missing, not a picture, too large, or ffmpeg failed.</exception>
    public static async Task<DecodedPicture> DecodeAsync(string path, int maxSide, CancellationToken cancellationToken = default)
    {
        var analysis = await FfmpegMedia.ProbeAsync(path, cancellationToken).ConfigureAwait(false);
        var stream = analysis.PrimaryVideoStream
            ?? throw new MediaDecodeException(path, "not a picture (no image stream found)");
        var width = stream.Width ?? 0;
        var height = stream.Height ?? 0;
        if (width <= 0 || height <= 0)
        {
            // ffprobe reports 0x0 for sizes it refuses (e.g. 100000x100000); its own complaint says what the file claimed.
            var errors = analysis.StandardError ?? [];
            var complaint = errors.FirstOrDefault(l => l.Contains("size", StringComparison.OrdinalIgnoreCase)) ?? (errors.Count > 0 ? errors[^1] : null);
            throw new MediaDecodeException(path, complaint is null
                ? $"picture has no usable size ({width}x{height})"
                : $"picture has no usable size ({width}x{height}; ffprobe: {FfmpegMedia.WithoutContextPrefix(complaint)})");
        }

        if (width > maxSide || height > maxSide)
        {
            throw new MediaDecodeException(path, $"picture is {width}x{height}; sides of at most {maxSide} are accepted");
        }

        if ((long)width * height > MaxPixels)
        {
            throw new MediaDecodeException(path, $"picture is {width}x{height}, larger than the {MaxPixels} pixel limit");
        }

        var format = FfmpegMedia.IsGrey(stream.PixelFormat) ? PixelFormat.Gray8 : PixelFormat.Rgb24;
        var expected = width * height * format.BytesPerPixel();
        using var output = new MemoryStream(expected);
        try
        {
            await FFMpegArguments
                .FromFileInput(path, verifyExists: true, options => options.WithCustomArgument($"{FfmpegMedia.LocalInputArguments} {FfmpegMedia.JpegLikeDecoding}"))
                .OutputTo(new FfmpegSocketOutput((stream, token) => stream.CopyToAsync(output, token), cancellationToken: cancellationToken), options => options
                    .ForceFormat("rawvideo")
                    .WithCustomArgument($"-frames:v 1 {FfmpegMedia.JpegLikeConversion} -pix_fmt {(format == PixelFormat.Gray8 ? "gray" : "rgb24")}"))
                .ProcessAsynchronously(throwOnError: true, cancellationToken: cancellationToken)
                .ConfigureAwait(false);
        }
        catch (FFMpegException e)
        {
            throw new MediaDecodeException(path, $"ffmpeg could not decode it ({FfmpegMedia.LastLine(e.Message)})", e);
        }

        if (output.Length != expected)
        {
            throw new MediaDecodeException(path, $"ffmpeg produced {output.Length} bytes, expected {expected} for {width}x{height} {format}");
        }

        return new DecodedPicture(width, height, format, output.ToArray());
    }
}
