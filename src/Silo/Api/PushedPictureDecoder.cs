using LiveWatch.Contracts.Ingest;
using LiveWatch.Hashing.Pdq;
using LiveWatch.Sdk.Media;
using Microsoft.Extensions.Options;

namespace LiveWatch.Silo.Api;

/// <summary>
/// Turns a pushed request body into frames. PNG and JPEG are decoded by an ffmpeg child process (untrusted media is
/// never parsed in the silo), after their signature is checked against the declared type; raw bodies are 8-bit luma
/// frames of a declared size, back to back.
/// </summary>
internal sealed class PushedPictureDecoder
{
    public const string RawLumaContentType = "application/octet-stream";

    private readonly ApiOptions _options;
    private readonly string _scratch;

    public PushedPictureDecoder(IOptions<ApiOptions> options)
    {
        _options = options.Value;
        _scratch = Path.Combine(Path.GetTempPath(), $"livewatch-push-{Environment.ProcessId}");
    }

    /// <summary>The pictures of a body with the given content type.</summary>
    /// <exception cref="ArgumentException">The body is not what its type says, or not a usable picture (the message says why).</exception>
    public async Task<IReadOnlyList<FramePicture>> DecodeAsync(
        string? contentType, byte[] body, int? width, int? height, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(body);
        var mediaType = contentType?.Split(';', 2)[0].Trim().ToLowerInvariant();
        switch (mediaType)
        {
            case PictureSignature.Png:
                return [await DecodeEncodedAsync(body, PictureSignature.Png, "PNG", ".png", cancellationToken).ConfigureAwait(false)];
            case PictureSignature.Jpeg:
                return [await DecodeEncodedAsync(body, PictureSignature.Jpeg, "JPEG", ".jpg", cancellationToken).ConfigureAwait(false)];
            case RawLumaContentType:
                return SplitRawLuma(body, width ?? FramePicture.CanvasSide, height ?? FramePicture.CanvasSide);
            default:
                throw new UnsupportedContentTypeException(
                    $"Content-Type '{contentType}' is not accepted for frames: send image/png, image/jpeg, or {RawLumaContentType} (8-bit luma, with ?width=&height=).");
        }
    }

    private async Task<FramePicture> DecodeEncodedAsync(byte[] body, string contentType, string kind, string extension, CancellationToken cancellationToken)
    {
        if (PictureSignature.ContentTypeOf(body) != contentType)
        {
            throw new ArgumentException(body.Length == 0
                ? $"The body is empty; expected a {kind} picture."
                : $"The body is not a {kind} picture (its first bytes are not a {kind} signature).");
        }

        // Pushed pictures are untrusted and may be evidence: only this process's user may read them, and only briefly.
        var directory = OperatingSystem.IsWindows()
            ? Directory.CreateDirectory(_scratch)
            : Directory.CreateDirectory(_scratch, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var path = Path.Combine(directory.FullName, Guid.NewGuid().ToString("N") + extension);
        try
        {
            await File.WriteAllBytesAsync(path, body, cancellationToken).ConfigureAwait(false);
            var picture = await FfmpegPictureDecoder.DecodeAsync(path, _options.MaxPictureSide, cancellationToken).ConfigureAwait(false);
            return new FramePicture(picture.Width, picture.Height, picture.Format, picture.Pixels);
        }
        catch (MediaDecodeException e)
        {
            throw new ArgumentException($"The {kind} picture cannot be used: {e.Reason}.", e);
        }
        finally
        {
            File.Delete(path);
        }
    }

    private List<FramePicture> SplitRawLuma(byte[] body, int width, int height)
    {
        if (width < 1 || height < 1 || width > _options.MaxPictureSide || height > _options.MaxPictureSide)
        {
            throw new ArgumentException($"width and height must be 1..{_options.MaxPictureSide}, got {width}x{height}.");
        }

        var size = width * height;
        if (body.Length == 0 || body.Length % size != 0)
        {
            throw new ArgumentException(
                $"A raw luma body holds whole {width}x{height} frames of {size} bytes each; got {body.Length} bytes.");
        }

        var frames = new List<FramePicture>(body.Length / size);
        for (var offset = 0; offset < body.Length; offset += size)
        {
            frames.Add(new FramePicture(width, height, PixelFormat.Gray8, body.AsSpan(offset, size).ToArray()));
        }

        return frames;
    }
}
